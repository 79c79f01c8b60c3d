// Sign in: user name and password; a second field for the 6-digit code when the server asks.
import { h, field } from './dom.js';
import { ApiError, describe, post } from './api.js';
import { session } from './session.js';
import { signedIn } from './app.js';

export async function show(main) {
    if (session.user) {
        location.hash = '#/';
        return;
    }
    const user = h('input', { name: 'user', autocomplete: 'username', required: true, autocapitalize: 'off', spellcheck: 'false' });
    const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
    const totp = h('input', { name: 'totp', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: '6' });
    const totpField = field('验证码（身份验证器上的 6 位数字）', totp, { at: 'totp' });
    totpField.hidden = true;
    const message = h('p', { class: 'error-box', role: 'alert', hidden: true });
    const submit = h('button', { type: 'submit', class: 'primary' }, '登录');
    const form = h('form', { class: 'login card', novalidate: true },
        h('h1', { text: '新闻屏编辑台' }),
        field('用户名', user, { at: 'user' }),
        field('密码', password, { at: 'password' }),
        totpField, message, submit);
    form.addEventListener('submit', async (e) => {
        e.preventDefault();
        message.hidden = true;
        for (const p of form.querySelectorAll('.problem')) p.textContent = '';
        submit.disabled = true;
        try {
            const body = { user: user.value.trim(), password: password.value };
            if (!totpField.hidden) body.totp = totp.value.trim();
            signedIn(await post('/api/login', body));
            const after = sessionStorage.getItem('nb-after-login');
            sessionStorage.removeItem('nb-after-login');
            location.hash = after && after !== '#/login' ? after : '#/';
        } catch (err) {
            // The desk asks for the code (or refuses one): the field shows from then on.
            if (err instanceof ApiError && ['totp_needed', 'totp_wrong', 'totp_used'].includes(err.body.code)) {
                totpField.hidden = false;
                totp.focus();
            }
            const slot = err instanceof ApiError && err.at ? form.querySelector(`[data-at="${err.at}"] .problem`) : null;
            if (slot && !slot.closest('[hidden]')) slot.textContent = describe(err);
            else {
                message.textContent = describe(err);
                message.hidden = false;
            }
        } finally {
            submit.disabled = false;
        }
    });
    main.append(form);
    user.focus();
}
