import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import { useSession } from '../shell/session-context.js';
import { ErrorNotice } from '../shell/messages.js';

export function SignInPage() {
  const session = useSession();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const [pending, setPending] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await session.signIn(login.trim(), password);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('INTERNAL', String(err)));
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="centered">
      <form className="sign-in" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">县区工作台</h1>
        <p className="muted">荆门市基层治理平台</p>
        <label>
          账号
          <input name="login" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} required autoFocus />
        </label>
        <label>
          密码
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <ErrorNotice error={error} />
        <button type="submit" disabled={pending}>
          {pending ? '登录中…' : '登录'}
        </button>
      </form>
    </div>
  );
}
