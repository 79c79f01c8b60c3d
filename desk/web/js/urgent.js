// An urgent notice for one group or all: it goes out at once, and it must say when it ends.
import { field, h, toast } from './dom.js';
import { describe, get, post } from './api.js';
import { offsetOf } from './schedule.js';
import { showProblems } from './problems.js';
import { apiMessage } from './messages.js';

export async function show(main) {
    const { groups } = await get('/api/groups');
    const all = h('input', { type: 'checkbox', name: 'all', checked: true });
    const boxes = groups.map((g) => h('input', { type: 'checkbox', name: 'group', value: g.id, disabled: true }));
    all.addEventListener('change', () => { for (const b of boxes) b.disabled = all.checked; });
    const headline = h('input', { name: 'headline', required: true, maxlength: '200' });
    const text = h('textarea', { name: 'text', rows: 3, maxlength: '500' });
    const expires = h('input', { type: 'datetime-local', name: 'expires', required: true });
    const summary = h('div', { class: 'problems card', role: 'alert', hidden: true });
    const send = h('button', { type: 'submit', class: 'publish' }, '立即发布紧急通知');
    const form = h('form', { class: 'card', novalidate: true },
        h('fieldset', { dataset: { at: 'groups' } }, h('legend', { text: '发到' }),
            h('label', { class: 'check' }, all, '所有栏目'),
            groups.map((g, i) => h('label', { class: 'check' }, boxes[i], g.name || g.id)),
            h('span', { class: 'problem', role: 'alert' })),
        field('标题', headline, { at: 'headline' }),
        field('内容', text, { at: 'text' }),
        field('结束时间（必填，到时自动撤下）', expires, { at: 'expires' }),
        summary, send);
    form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const local = [];
        if (!headline.value.trim()) local.push({ at: 'headline', said: '请写标题' });
        if (!expires.value) local.push({ at: 'expires', said: '紧急通知必须设结束时间' });
        else if (new Date(expires.value) <= new Date()) local.push({ at: 'expires', said: '结束时间必须在将来' });
        const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
        if (!all.checked && !chosen.length) local.push({ at: 'groups', said: '请选择栏目' });
        if (local.length) {
            showProblems(form, local.map((p) => ({ severity: 'error', ...p })), summary, () => {});
            return;
        }
        const [date, time] = expires.value.split('T');
        if (!window.confirm('紧急通知会立刻插播到所选栏目的所有屏幕。确定发布？')) return;
        send.disabled = true;
        try {
            const r = await post('/api/urgent', {
                groups: all.checked ? 'all' : chosen, headline: headline.value.trim(), text: text.value.trim(),
                expires: `${date}T${time}:00${offsetOf('Asia/Shanghai', date, time)}`,
            });
            const failed = (r.failed || []).map((f) => `${f.group}：${apiMessage(422, f)}`);
            toast(`紧急通知已发布到 ${(r.editions || []).length} 个栏目` + (failed.length ? `；未能发布：${failed.join('；')}` : ''), failed.length ? 'error' : 'ok');
            form.reset();
            showProblems(form, [], summary, () => {});
        } catch (err) {
            showProblems(form, [{ severity: 'error', at: err.at || '', said: describe(err) }], summary, () => {});
        } finally {
            send.disabled = false;
        }
    });
    main.append(h('h1', { text: '紧急通知' }), h('p', { class: 'muted', text: '紧急通知不经审核，立即插播，并在每两条内容之间重复，直到结束时间。' }), form);
}
