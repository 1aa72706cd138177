// The administrators' pages, one link each, on every page of the area.
const links = [
  { href: '#/admin/calendar', label: '工作日历' },
  { href: '#/admin/organisations', label: '组织机构' },
  { href: '#/admin/lawyers', label: '律师名册' },
  { href: '#/admin/advisors', label: '法律顾问与聘任' },
  { href: '#/admin/projections', label: '运行状态' },
  { href: '#/hotline/dead-letters', label: '推送失败（死信）' },
] as const;

export function AdminNav(props: { current: string }) {
  return (
    <nav class="sub admin-nav" aria-label="系统管理">
      {links.map((l) => (
        <a key={l.href} href={l.href} aria-current={l.href === props.current ? 'page' : undefined} class={l.href === props.current ? 'on' : ''}>
          {l.label}
        </a>
      ))}
    </nav>
  );
}
