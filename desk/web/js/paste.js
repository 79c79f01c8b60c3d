// Paste a page: the press system's text in; the draft items the desk recognised out, with
// every change it made listed (re-joined column breaks, full-width punctuation, bylines split
// off, the page's name as kicker). Staff accept or turn down each change — the desk re-reads
// the text with the refused ones — then add the items to the group's draft.
import { clear, h, toast, whileBusy } from './dom.js';
import { ApiError, describe, get, group, post, put } from './api.js';
import { freshIds, typeNames } from './items.js';
import { guardLeaving } from './app.js';
import { describePath } from './problems.js';

const kindNames = { join: '接续断段', punctuation: '标点改全角', byline: '拆出署名', section: '版名作引题' };
const fieldNames = {  // the item preview's row labels
    kicker: '引题', headline: '标题', subhead: '副题', byline: '署名', body: '正文', caption: '图片说明', credit: '摄影署名' };

// "\n" and spaces made visible, so a change of white space can be seen.
function visible(text) {
    return text.replace(/\n/g, '↵').replace(/ /g, '␣').replace(/\u3000/g, '□');
}

export async function show(main, [id]) {
    let result = null;
    const rejected = new Set();
    const text = h('textarea', { name: 'paste', rows: 14, placeholder: '把排版系统导出的整版文字粘贴到这里…' });
    const read = h('button', { type: 'button', class: 'primary' }, '识别');
    const problem = h('p', { class: 'error-box', role: 'alert', hidden: true });
    const out = h('div', { class: 'paste-result' });
    guardLeaving(() => !!result);

    const run = async () => {
        problem.hidden = true;
        if (!text.value.trim()) {
            problem.textContent = '请先粘贴一版文字。';
            problem.hidden = false;
            return;
        }
        read.disabled = true;
        try {
            result = await post('/api/paste', { text: text.value, reject: [...rejected] });
            draw();
        } catch (err) {
            problem.textContent = describe(err);
            problem.hidden = false;
        } finally {
            read.disabled = false;
        }
    };
    read.addEventListener('click', () => { rejected.clear(); run(); });

    const setAll = (kind, accept) => {
        for (const c of result.changes) {
            if (c.kind !== kind) continue;
            if (accept) rejected.delete(c.id);
            else rejected.add(c.id);
        }
        run();
    };

    const draw = () => {
        clear(out);
        const { items, changes, leftovers } = result;
        const byKind = {};
        for (const c of changes) (byKind[c.kind] = byKind[c.kind] || []).push(c);
        out.append(h('h2', { text: `识别出 ${items.length} 条稿件，做了 ${changes.length} 处修改` }));
        const changeList = h('div', { class: 'changes card' }, h('p', { class: 'muted', text: '每处修改都列在下面。取消勾选即不做这处修改，稿件随之更新。' }));
        for (const [kind, list] of Object.entries(byKind)) {
            const accepted = list.filter((c) => c.accepted).length;
            const details = h('details', { open: list.length <= 20 }, h('summary', {}, `逐处查看（${list.length} 处）`));
            const group = h('div', { class: 'change-kind', dataset: { kind } },
                h('h3', { text: `${kindNames[kind] || kind}：${list.length} 处（接受 ${accepted}）` }),
                h('div', { class: 'toolbar' },
                    h('button', { type: 'button', onclick: () => setAll(kind, true) }, '全部接受'),
                    h('button', { type: 'button', onclick: () => setAll(kind, false) }, '全部不改')),
                details);
            const ul = h('ul');
            for (const c of list) {
                const box = h('input', { type: 'checkbox', checked: c.accepted, name: 'change', value: c.id });
                box.addEventListener('change', () => {
                    if (box.checked) rejected.delete(c.id);
                    else rejected.add(c.id);
                    run();
                });
                const shown = c.kind === 'byline' || c.kind === 'section'
                    ? [h('span', { class: 'ctx', text: visible(c.before) }), ' → ', h('ins', { text: c.after })]
                    : [h('span', { class: 'ctx', text: visible(c.context_before) }), h('del', { text: visible(c.before) }),
                        h('ins', { text: visible(c.after) || '（删去）' }), h('span', { class: 'ctx', text: visible(c.context_after) })];
                ul.append(h('li', { class: c.accepted ? '' : 'rejected' },
                    h('label', {}, box, h('span', { class: 'where', text: `第 ${c.line} 行` }), h('span', { class: 'diff' }, shown)),
                    c.at ? h('span', { class: 'muted at', text: describePath(c.at) }) : null));
            }
            details.append(ul);
            changeList.append(group);
        }
        out.append(changeList);

        out.append(h('h2', { text: '稿件' }));
        items.forEach((item, i) => {
            const rows = [];
            for (const key of ['kicker', 'headline', 'subhead', 'byline', 'caption', 'credit']) {
                if (item[key] !== undefined) rows.push(h('div', { class: 'row' }, h('span', { class: 'label', text: fieldNames[key] }), h('span', { class: key === 'headline' ? 'headline' : '', text: item[key] || '（空，请补上）' })));
            }
            if (item.body) {
                rows.push(h('div', { class: 'row' }, h('span', { class: 'label', text: `正文 ${item.body.length} 段` }),
                    h('div', {}, item.body.map((p) => h('p', { class: 'para', text: p })))));
            }
            if (item.type === 'photo') rows.push(h('p', { class: 'muted', text: '加入草稿后请为这条上传图片。' }));
            out.append(h('section', { class: 'card pasted', dataset: { index: String(i) } },
                h('div', { class: 'item-head' }, h('span', { class: 'num', text: String(i + 1) }), h('span', { class: `type ${item.type}`, text: typeNames[item.type] })), rows));
        });

        if (leftovers.length) {
            const boxes = [];
            const list = h('ul', { class: 'leftovers' }, leftovers.map((l) => {
                const box = h('input', { type: 'checkbox', name: 'leftover', value: l.text });
                boxes.push(box);
                return h('li', {}, h('label', {}, box, h('span', { text: l.text }), h('span', { class: 'muted', text: ` 第 ${l.line} 行` })));
            }));
            out.append(h('h2', { text: '没有放进稿件的行' }),
                h('div', { class: 'card' }, h('p', { class: 'muted', text: '版头、版权框、二维码说明等。勾选的行可以加入滚动字幕。' }), list,
                    h('label', { class: 'field check' }, h('input', { type: 'checkbox', name: 'to-ticker', id: 'to-ticker' }), h('span', { text: '把勾选的行加入滚动字幕' }))));
            out.tickerBoxes = boxes;
        }
        const add = h('button', { type: 'button', class: 'primary' }, `把 ${items.length} 条加入草稿`);
        add.addEventListener('click', () => whileBusy(add, addToDraft));
        out.append(h('div', { class: 'toolbar' }, add));
    };

    const addToDraft = async () => {
        try {
            const draft = await get(group(id) + '/draft');
            const playlist = draft.playlist || { version: 1, id, items: [] };
            playlist.items = (playlist.items || []).concat(freshIds(result.items, playlist));
            const toTicker = out.querySelector('#to-ticker');
            if (toTicker && toTicker.checked) {
                const lines = (out.tickerBoxes || []).filter((b) => b.checked).map((b) => b.value);
                if (lines.length) playlist.ticker = (playlist.ticker || []).concat(lines);
            }
            await put(group(id) + '/draft', { revision: draft.revision, playlist });
            result = null;
            toast('已加入草稿');
            location.hash = `#/g/${id}`;
        } catch (err) {
            toast(err instanceof ApiError && err.status === 409 ? '草稿刚被别人改过，请再点一次' : describe(err), 'error');
        }
    };

    main.append(h('h1', { text: '粘贴整版' }),
        h('p', { class: 'muted', text: '粘贴排版系统导出的一整版文字，编辑台会拆出每篇稿件，接好被分栏切断的段落，并把中文里的半角标点改成全角。所有修改都会先列出来，由你决定。' }),
        h('div', { class: 'card' }, text, h('div', { class: 'toolbar' }, read, h('a', { class: 'button', href: `#/g/${id}` }, '回到编辑')), problem),
        out);
    text.focus();
}
