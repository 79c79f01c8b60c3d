// What a board shows: pick a board size, rotation and moment; the pages are PNGs the desk
// renders with the boards' own renderer, and a contact sheet of the whole edition.
import { clear, field, h } from './dom.js';
import { ApiError, describe, get, group } from './api.js';
import { offsetOf } from './schedule.js';
import { describePath, sayProblem } from './problems.js';

const sizes = [['1920x1080', '横屏 1920×1080'], ['1080x1920', '竖屏 1080×1920'], ['1280x720', '横屏 1280×720'], ['3840x2160', '4K 横屏 3840×2160'], ['custom', '其他尺寸…']];

function localNow() {
    const d = new Date();
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export async function show(main, [id]) {
    const params = new URLSearchParams(location.search);
    const size = h('select', { name: 'size' }, sizes.map(([v, n]) => h('option', { value: v, selected: v === (params.get('size') || '1920x1080') }, n)));
    const custom = h('input', { name: 'custom-size', placeholder: '宽x高，如 1366x768', pattern: '[0-9]{2,5}x[0-9]{2,5}' });
    const rotate = h('select', { name: 'rotate' }, ['0', '90', '180', '270'].map((r) => h('option', { value: r }, r + '°')));
    const at = h('input', { type: 'datetime-local', name: 'at', value: localNow() });
    const show = h('button', { type: 'button', class: 'primary' }, '预览');
    const pages = h('div', { class: 'pages' });
    const problem = h('div', { class: 'error-box', role: 'alert', hidden: true });

    let zone = 'Asia/Shanghai';
    try {
        const d = await get(group(id) + '/draft');
        zone = (d.playlist && d.playlist.timezone) || zone;
    } catch { /* the preview says what is wrong */ }

    const query = () => {
        const s = size.value === 'custom' ? custom.value.trim() : size.value;
        if (!/^\d{2,5}x\d{2,5}$/.test(s)) throw new Error('尺寸要写成 宽x高，例如 1366x768');
        const [date, time] = at.value.split('T');
        const q = new URLSearchParams({ size: s, rotate: rotate.value });
        if (date && time) q.set('at', `${date}T${time}:00${offsetOf(zone, date, time)}`);
        return q;
    };

    let generation = 0;  // a newer request wins: an older answer arriving late is dropped
    const draw = async () => {
        const mine = ++generation;
        problem.hidden = true;
        clear(pages);
        let q;
        try {
            q = query();
        } catch (err) {
            problem.textContent = err.message;
            problem.hidden = false;
            return;
        }
        let r;
        try {
            r = await get(`${group(id)}/preview/pages?${q}`);
            if (mine !== generation) return;
        } catch (err) {
            if (mine !== generation) return;
            if (err instanceof ApiError && err.status === 404) {
                pages.append(h('p', { class: 'muted', text: '这个时刻没有可播放的内容：屏幕会显示待机画面（时钟和字幕）。' }));
            } else {
                problem.textContent = describe(err);
                // A draft the boards could not show: which errors, where, and the way to them.
                const errors = err instanceof ApiError && Array.isArray(err.body.problems)
                    ? err.body.problems.filter((p) => p.severity !== 'warning') : [];
                if (errors.length) {
                    problem.append(h('ul', {}, errors.map((p) => h('li', { title: p.error }, `${describePath(p.at)}：${sayProblem(p.error)}`))),
                        h('a', { href: `#/g/${id}` }, '回到编辑改正'));
                }
                problem.hidden = false;
            }
            return;
        }
        for (const s of r.skipped || []) {
            pages.append(h('p', { class: 'error-box', title: s.reason, text: `“${s.item}”不会播放：${sayProblem(s.reason)}` }));
        }
        (r.pages || []).forEach((p, i) => {
            const pq = new URLSearchParams(q);
            pq.set('page', String(i + 1));
            const img = h('img', { src: `${group(id)}/preview?${pq}`, alt: `第 ${i + 1} 页：${p.item}` });
            img.addEventListener('error', () => img.replaceWith(h('p', { class: 'error-box', text: '这一页画不出来，请稍后再试。' })));
            pages.append(h('figure', { class: 'page' }, img,
                h('figcaption', { text: `${i + 1}. ${p.item}${p.count > 1 ? `（${p.number}/${p.count}）` : ''} · ${p.duration} 秒` })));
        });
        if ((r.pages || []).length) {
            pages.append(h('h2', { text: '联系表' }), h('img', { class: 'sheet', src: `${group(id)}/sheet?${q}`, alt: '整版联系表' }));
        }
    };
    show.addEventListener('click', draw);

    main.append(h('h1', { text: '预览' }),
        h('p', { class: 'muted', text: '这里的画面由屏幕自己的排版程序生成，和屏幕上显示的一模一样。' }),
        h('div', { class: 'card grid4' },
            field('屏幕尺寸', size), field('自定义尺寸', custom), field('旋转', rotate), field('日期和时刻', at),
            h('div', { class: 'toolbar' }, show, h('a', { class: 'button', href: `#/g/${id}` }, '回到编辑'))),
        problem, pages);
    custom.parentElement.hidden = true;
    size.addEventListener('change', () => { custom.parentElement.hidden = size.value !== 'custom'; });
    await draw();
}
