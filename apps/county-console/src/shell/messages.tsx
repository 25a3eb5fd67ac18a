import type { ApiError } from '../api/client.js';

/** What a user reads for each of the gateway's codes; the server's message follows when it helps. */
export const ERROR_TEXT: Record<ApiError['code'], string> = {
  VALIDATION: '输入有误',
  UNAUTHENTICATED: '登录已失效，请重新登录',
  FORBIDDEN: '没有权限执行此操作',
  NOT_FOUND: '没有找到，或不在您的辖区内',
  CONFLICT: '状态已变化，请刷新后重试',
  UNAVAILABLE: '服务暂时不可用，请稍后重试',
  INTERNAL: '系统错误，请联系管理员',
  NETWORK: '网络连接失败',
};

export function ErrorNotice({ error }: { error: ApiError | undefined }) {
  if (!error) return null;
  const detail = error.code === 'VALIDATION' || error.code === 'CONFLICT' ? `：${error.message}` : '';
  return (
    <p role="alert" className="error" data-code={error.code}>
      {ERROR_TEXT[error.code]}
      {detail}
    </p>
  );
}

export function Loading() {
  return (
    <p className="loading" aria-live="polite">
      加载中…
    </p>
  );
}
