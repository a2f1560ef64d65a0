import * as api from '../api';
import { ApiError } from '../api';
import { h, show } from '../dom';
import { type Lang, lang, setLang, t } from '../i18n';
import { navigate } from '../router';
import { sessionExpired, startSession } from '../session';
import { button, describeError, field } from '../ui';

function loginError(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return t('login.invalid');
  if (error instanceof ApiError && error.status === 429) {
    return error.problem?.detail ? `${t('login.locked')} (${error.problem.detail})` : t('login.locked');
  }
  return describeError(error);
}

export function loginPage(): HTMLElement {
  const login = h('input', { testid: 'login-login', attrs: { name: 'login', autocomplete: 'username', required: true } });
  const password = h('input', { testid: 'login-password', attrs: { name: 'password', type: 'password', autocomplete: 'current-password', required: true } });
  const code = h('input', {
    testid: 'login-code',
    attrs: { name: 'code', autocomplete: 'one-time-code', inputmode: 'text', maxlength: 64, required: true, placeholder: '123456' },
  });
  const error = h('p', { class: 'error', testid: 'login-error', attrs: { role: 'alert' } });
  show(error, false);
  const submit = h('button', { class: 'btn btn-primary', testid: 'login-submit', attrs: { type: 'submit' }, text: t('login.submit') });

  const onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    submit.disabled = true;
    show(error, false);
    try {
      const pair = await api.signIn(login.value.trim(), password.value, code.value.replace(/\s+/g, ''));
      password.value = '';
      code.value = '';
      startSession(pair);
      navigate('/dashboard');
    } catch (e) {
      code.value = '';
      error.textContent = loginError(e);
      show(error, true);
    } finally {
      submit.disabled = false;
    }
  };

  const other: Lang = lang() === 'ru' ? 'en' : 'ru';
  return h(
    'section',
    { class: 'login', testid: 'page-login' },
    h(
      'form',
      { class: 'login-card', testid: 'login-form', on: { submit: (e) => void onSubmit(e) } },
      h('div', { class: 'login-head' }, h('h1', { text: t('login.title') }), button(other.toUpperCase(), () => setLang(other), { testid: `lang-${other}` })),
      sessionExpired() ? h('p', { class: 'notice', testid: 'session-expired', text: t('login.expired') }) : null,
      field(t('login.login'), login),
      field(t('login.password'), password),
      field(t('login.code'), code),
      h('p', { class: 'muted small', text: t('login.codeHint') }),
      error,
      submit,
    ),
  );
}
