// A section's figures: this period, the previous one and the change, each count linked to its drill-down
// list (whose length is the figure), each rate to its numerator's and denominator's lists.
import { change, figureWords, number, percent, rateWords, type DistrictReport, type Section } from './words.js';

const factsHref = (districtId: string, period: string, figure: string) => `#/reports/${districtId}/${period}/figures/${figure}`;

export function FiguresTable(props: { district: DistrictReport | undefined; districtId: string; period: string; section: Section; periodLabel: string; previousLabel: string }) {
  const { district: d, period, section, districtId } = props;
  const mine = figureWords.filter((w) => w.section === section);
  const myRates = rateWords.filter((r) => r.section === section);
  return (
    <table class="list figures-table" data-section={section}>
      <colgroup>
        <col style="width: 34%" />
        <col style="width: 11%" />
        <col style="width: 17%" />
        <col style="width: 17%" />
        <col style="width: 21%" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">指标</th>
          <th scope="col">单位</th>
          <th scope="col" class="num">{props.periodLabel}</th>
          <th scope="col" class="num">{props.previousLabel}</th>
          <th scope="col" class="num">增减</th>
        </tr>
      </thead>
      <tbody>
        {mine.map((w) => {
          const v = d?.figures[w.key];
          return (
            <tr key={w.key} data-figure-row={w.key}>
              <th scope="row">{w.title}</th>
              <td>{w.unit}</td>
              <td class="num">
                <a href={factsHref(districtId, period, w.key)} data-figure={w.key} title="查看所计的案件">
                  {d ? number(v?.value) : '…'}
                </a>
              </td>
              <td class="num">{number(v?.previous)}</td>
              <td class="num">{change(v)}</td>
            </tr>
          );
        })}
        {myRates.map((r) => {
          const v = d?.rates[r.key];
          return (
            <tr key={r.key} data-rate-row={r.key}>
              <th scope="row">{r.title}</th>
              <td>%</td>
              <td class="num">
                {percent(v?.value)}
                {v && (
                  <small class="muted">
                    {' '}
                    (<a href={factsHref(districtId, period, rateNumerator[r.key] ?? '')}>{v.numerator}</a>/<a href={factsHref(districtId, period, rateDenominator[r.key] ?? '')}>{v.denominator}</a>)
                  </small>
                )}
              </td>
              <td class="num">{percent(v?.previous)}</td>
              <td class="num">{v && v.value !== null && v.previous !== null ? `${((v.value - v.previous) * 100).toFixed(1)} 个百分点` : '—'}</td>
            </tr>
          );
        })}
        {section === 'advisors' && (
          <tr data-figure-row="villages_met_every_month">
            <th scope="row">每月达标村(社区)</th>
            <td>个</td>
            <td class="num">
              <a href={factsHref(districtId, period, 'villages_met_every_month')} data-figure="villages_met_every_month">
                {d ? d.villagesMetEveryMonth.value : '…'}
              </a>
              <small class="muted"> / {d?.villagesMetEveryMonth.villages ?? '…'}</small>
            </td>
            <td class="num">{d?.villagesMetEveryMonth.previous ?? '…'}</td>
            <td class="num">{d ? d.villagesMetEveryMonth.value - d.villagesMetEveryMonth.previous : '…'}</td>
          </tr>
        )}
        {section === 'legal_aid' && (
          <tr data-figure-row="peer_review_rank">
            <th scope="row">同行评估优良率全市排名</th>
            <td>名</td>
            <td class="num" data-rank={d?.peerReviewRank ? d.peerReviewRank.rank : ''}>
              {d ? (d.peerReviewRank ? `第 ${d.peerReviewRank.rank} 名 / 共 ${d.peerReviewRank.of}` : '尚未登记') : '…'}
            </td>
            <td colSpan={2}>{d?.peerReviewRank?.source ?? ''}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** Each rate's lists (the report service's rates: numerator over denominator). */
const rateNumerator: Readonly<Record<string, string>> = {
  timely_sign_for_rate: 'signed_for_on_time', on_time_reply_rate: 'replied_on_time', satisfaction_rate: 'satisfied', resolution_rate: 'resolved',
  return_rate: 'returned', green_channel_share: 'green_channel', excellent_or_good_rate: 'quality_excellent_or_good',
};
const rateDenominator: Readonly<Record<string, string>> = {
  timely_sign_for_rate: 'work_orders', on_time_reply_rate: 'replied', satisfaction_rate: 'rated', resolution_rate: 'rated',
  return_rate: 'work_orders', green_channel_share: 'received', excellent_or_good_rate: 'quality_reviewed',
};
