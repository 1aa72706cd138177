// A service's problem in the person's terms: what happened, and which field it concerns.
import type { Problem } from './api.js';

const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

/** The sentence shown to the person. `what` names the thing asked for ("这张工单", "这份申请"). */
export function inPersonsTerms(problem: Problem, what = '这项内容'): string {
  switch (problem.status) {
    case 0:
      return '网络连接中断，操作可能未送达。请检查网络后再点一次（同一操作不会重复记录）。';
    case 400:
      return problem.errors?.length ? '有几项填写不符合要求，请按标红处修改。' : '填写的内容不符合要求，请检查后再提交。';
    case 401:
      return '登录已失效，请重新登录。';
    case 403:
      return `您的岗位无权进行这项操作或查看${what}。如需办理，请联系有权限的同事。`;
    case 404:
      return `没有找到${what}：它不存在，或不属于您所在单位的职责范围。`;
    case 409:
      return '这项操作与已记录的另一操作冲突（可能被别人同时办理了），请刷新后查看。';
    case 412:
      return '这份记录在您查看之后已被修改，请刷新后再办理。';
    case 422: {
      const detail = problem.detail ?? '';
      const chinese = detail.split(' / ').find(hasChinese);
      return chinese ?? (detail ? `不能办理：${detail}` : '这项操作不符合办理规则。');
    }
    case 503:
      return problem.extensions?.type === 'urn:bureau:problem:read-model-not-caught-up'
        ? '列表还在更新，刚办理的操作尚未计入。请稍候刷新。'
        : '服务暂时不可用，请稍后再试。';
    default:
      return `出错了（${problem.status}），请稍后再试${problem.requestId ? `，如仍有问题请把编号 ${problem.requestId} 告诉管理员` : ''}。`;
  }
}

/** The field a problem concerns, as the form names it: `body.note` → `note`, `body.applicant.phone` → `applicant.phone`. */
export function fieldErrors(problem: Problem | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of problem?.errors ?? []) {
    const field = error.field.replace(/^(body|query|querystring|params)\./, '');
    out[field] ??= ruleInChinese(error.rule, error.message);
  }
  return out;
}

function ruleInChinese(rule: string, message: string): string {
  if (hasChinese(message)) return message;
  switch (rule) {
    case 'too_small':
      return '不能为空或太短';
    case 'too_big':
      return '太长了';
    case 'invalid_type':
    case 'required':
      return '必须填写';
    case 'invalid_format':
    case 'invalid_string':
      return '格式不对';
    default:
      return `不符合要求（${message}）`;
  }
}
