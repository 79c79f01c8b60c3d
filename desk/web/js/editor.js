// A group's draft: the playlist's settings and its items as forms; add, remove, reorder (drag
// or buttons); save with the revision it started from (a 409 shows both versions); submit,
// approve and publish by role; the server's problems shown at their fields.
import { $, clear, field, formatTime, h, toast, whileBusy } from './dom.js';
import { ApiError, describe, get, group, post, put } from './api.js';
import { can } from './session.js';
import { guardLeaving } from './app.js';
import { itemForm, newItem, summaryOf, typeNames } from './items.js';
import { showProblems } from './problems.js';
import { stateNames } from './groups.js';
import { showConflict } from './conflict.js';

export async function show(main, [id]) {
    const [draft, { groups }] = await Promise.all([get(group(id) + '/draft'), get('/api/groups')]);
    draft.group_name = (groups.find((g) => g.id === id) || {}).name || id;
    new Editor(main, id, draft).draw();
}

class Editor {
    constructor(main, id, draft) {
        this.main = main;
        this.id = id;
        this.load(draft);
        this.open = new Set();  // items unfolded, by id
        this.toolbarLock = { disabled: false };  // whileBusy's flag
        guardLeaving(() => this.dirty);
    }

    load(draft) {
        this.draft = draft;
        this.playlist = draft.playlist || { version: 1, id: this.id, items: [] };
        if (!Array.isArray(this.playlist.items)) this.playlist.items = [];
        this.problems = draft.problems || [];
        this.dirty = false;
    }

    // One request of the toolbar's at a time: a second click while a save is on its way would
    // send the same revision again and come back as a conflict with staff's own save. The
    // toolbar is drawn afresh after a save, so the lock is the editor's, not a button's.
    once(action) {
        return whileBusy(this.toolbarLock, action);
    }

    changed() {
        this.dirty = true;
        this.status.textContent = '有未保存的修改';
        this.status.className = 'badge dirty';
    }

    draw() {
        const main = clear(this.main);
        const d = this.draft;
        this.status = h('span', { class: `badge ${d.state}`, text: stateNames[d.state] || d.state || '' });
        const save = h('button', { type: 'button', class: 'primary', onclick: () => this.once(() => this.save()) }, '保存');
        const actions = [save, h('button', { type: 'button', onclick: () => this.once(() => this.transition('submit', '已提交审核')) }, '提交审核')];
        if (can('publisher')) {
            const needs = { needs: 'publisher' };
            actions.push(h('button', { type: 'button', dataset: needs, onclick: () => this.once(() => this.transition('approve', '已批准')) }, '批准'),
                h('button', { type: 'button', class: 'publish', dataset: needs, onclick: () => this.once(() => this.publish()) }, '发布'));
        }
        main.append(
            h('div', { class: 'title-row' }, h('h1', { text: `编辑：${this.draft.group_name || this.id}` }), this.status),
            h('p', { class: 'muted', text: [d.revision ? `修订 ${d.revision}` : '', d.updated_by ? `${d.updated_by} 保存于 ${formatTime(d.updated_at)}` : '',
                d.submitted_by ? `${d.submitted_by} 提交` : '', d.approved_by ? `${d.approved_by} 批准` : ''].filter(Boolean).join(' · ') }),
            h('div', { class: 'toolbar' }, actions,
                h('a', { class: 'button', href: `#/g/${this.id}/paste` }, '粘贴整版'),
                h('a', { class: 'button', href: `#/g/${this.id}/preview` }, '预览'),
                h('a', { class: 'button', href: `#/g/${this.id}/editions` }, '历史版本')));
        this.conflictBox = h('div', { class: 'conflict', hidden: true });
        this.summary = h('div', { class: 'problems card', role: 'alert', hidden: true });
        this.list = h('ol', { class: 'items' });
        main.append(this.conflictBox, this.summary, this.settings(), this.list,
            h('div', { class: 'toolbar add' }, '添加：',
                ['article', 'photo', 'gallery', 'notice'].map((t) => h('button', { type: 'button', onclick: () => this.add(t) }, '+ ' + typeNames[t]))));
        this.drawItems();
    }

    settings() {
        const p = this.playlist;
        const text = (key, label) => {
            const input = h('input', { name: key, value: p[key] || '' });
            input.addEventListener('input', () => { if (input.value) p[key] = input.value; else delete p[key]; this.changed(); });
            return field(label, input, { at: key });
        };
        const ticker = h('textarea', { name: 'ticker', rows: 3, value: (p.ticker || []).join('\n') });
        ticker.addEventListener('input', () => {
            const lines = ticker.value.split('\n').map((l) => l.trim()).filter((l) => l);
            if (lines.length) p.ticker = lines;
            else delete p.ticker;
            this.changed();
        });
        const defaults = p.defaults || {};
        const duration = h('input', { type: 'number', min: '1', name: 'default-duration', value: defaults.duration ?? '' });
        duration.addEventListener('input', () => {
            p.defaults = p.defaults || {};
            if (duration.value) p.defaults.duration = Number(duration.value);
            else delete p.defaults.duration;
            if (!Object.keys(p.defaults).length) delete p.defaults;
            this.changed();
        });
        // The paper's own account as a QR code on notices (playlists/README.md: follow).
        const follow = (key, label, hint, attrs) => {
            const input = h('input', { name: `follow-${key}`, value: (p.follow || {})[key] || '', ...attrs });
            input.addEventListener('input', () => {
                p.follow = p.follow || {};
                if (input.value.trim()) p.follow[key] = input.value.trim();
                else delete p.follow[key];
                if (!Object.keys(p.follow).length) delete p.follow;
                this.changed();
            });
            return field(label, input, { at: `follow.${key}`, hint });
        };
        return h('details', { class: 'card settings', dataset: { at: '' } },
            h('summary', {}, '播放列表设置（标题、滚动字幕、默认时长、关注二维码）'),
            text('title', '标题'), text('timezone', '时区（如 Asia/Shanghai）'),
            field('默认每页秒数', duration, { at: 'defaults.duration' }),
            field('滚动字幕（一行一条；空着则滚动各条标题）', ticker, { at: 'ticker' }),
            h('div', { class: 'grid2', dataset: { at: 'follow' } },
                follow('link', '关注二维码网址（可选）', '报社公众号等的 https:// 网址；显示在没有自己二维码的通知上',
                    { type: 'url', inputmode: 'url', placeholder: 'https://' }),
                follow('label', '二维码下的文字', '默认“扫码关注”，最多 20 字', {}),
                h('span', { class: 'problem', role: 'alert' })));
    }

    drawItems() {
        const list = clear(this.list);
        const items = this.playlist.items;
        const zone = this.playlist.timezone || 'Asia/Shanghai';
        items.forEach((item, i) => {
            const at = `items[${i}]`;
            const unfolded = this.open.has(item.id);
            const headline = h('span', { class: 'summary', text: summaryOf(item) });
            const onChange = () => { headline.textContent = summaryOf(item); this.changed(); };
            const toggle = h('button', { type: 'button', class: 'quiet', 'aria-expanded': String(unfolded),
                onclick: () => { if (this.open.has(item.id)) this.open.delete(item.id); else this.open.add(item.id); this.drawItems(); } },
            unfolded ? '收起' : '展开');
            const handle = h('span', { class: 'handle', draggable: 'true', title: '拖动排序', 'aria-hidden': 'true', text: '⠿' });
            const li = h('li', { class: 'item card', dataset: { at, index: String(i), id: item.id } },
                h('div', { class: 'item-head' }, handle,
                    h('span', { class: 'num', text: String(i + 1) }),
                    h('span', { class: `type ${item.type}`, text: typeNames[item.type] || item.type }),
                    item.priority === 'urgent' ? h('span', { class: 'badge urgent', text: '紧急' }) : null,
                    headline,
                    h('span', { class: 'item-buttons' },
                        h('button', { type: 'button', class: 'quiet', 'aria-label': '上移', disabled: i === 0, onclick: () => this.move(i, i - 1) }, '↑'),
                        h('button', { type: 'button', class: 'quiet', 'aria-label': '下移', disabled: i === items.length - 1, onclick: () => this.move(i, i + 1) }, '↓'),
                        h('button', { type: 'button', class: 'quiet danger', onclick: () => this.remove(i) }, '删除'),
                        toggle)),
                h('span', { class: 'problem', role: 'alert' }),
                unfolded ? itemForm(item, at, zone, onChange) : null);
            this.dragAndDrop(li, handle, i);
            list.append(li);
        });
        showProblems(this.main, this.problems, this.summary, (at) => this.reveal(at));
    }

    dragAndDrop(li, handle, i) {
        handle.addEventListener('dragstart', (e) => {
            e.dataTransfer.setData('text/x-newsboard-item', String(i));
            e.dataTransfer.effectAllowed = 'move';
            li.classList.add('dragging');
        });
        handle.addEventListener('dragend', () => li.classList.remove('dragging'));
        li.addEventListener('dragover', (e) => {
            if (!e.dataTransfer.types.includes('text/x-newsboard-item')) return;
            e.preventDefault();
            li.classList.add('drop-target');
        });
        li.addEventListener('dragleave', () => li.classList.remove('drop-target'));
        li.addEventListener('drop', (e) => {
            e.preventDefault();
            li.classList.remove('drop-target');
            const from = Number(e.dataTransfer.getData('text/x-newsboard-item'));
            if (!Number.isNaN(from) && from !== i) this.move(from, i);
        });
    }

    // Problems are located by index; after a reorder they point at the wrong items until the
    // next save, so they are cleared.
    move(from, to) {
        const items = this.playlist.items;
        if (to < 0 || to >= items.length) return;
        const [item] = items.splice(from, 1);
        items.splice(to, 0, item);
        this.problems = [];
        this.changed();
        this.drawItems();
        const moved = this.list.querySelector(`[data-id="${CSS.escape(item.id)}"] .item-buttons button`);
        if (moved) moved.focus();
    }

    remove(i) {
        const item = this.playlist.items[i];
        if (!window.confirm(`删除“${summaryOf(item)}”？`)) return;
        this.playlist.items.splice(i, 1);
        this.problems = [];
        this.changed();
        this.drawItems();
    }

    add(type) {
        const item = newItem(type, this.playlist);
        this.playlist.items.push(item);
        this.open.add(item.id);
        this.changed();
        this.drawItems();
        const last = this.list.lastElementChild;
        last.scrollIntoView({ block: 'start' });
        const first = last.querySelector('input, textarea');
        if (first) first.focus();
    }

    reveal(at) {
        const m = at.match(/^items\[(\d+)\]/);
        const item = m && this.playlist.items[Number(m[1])];
        if (item && !this.open.has(item.id)) {
            this.open.add(item.id);
            this.drawItems();
        }
        const el = this.main.querySelector('.has-problem');
        const target = [...this.main.querySelectorAll('.has-problem')].reverse().find((e) => e.dataset.at && at.startsWith(e.dataset.at)) || el;
        if (target) {
            target.scrollIntoView({ block: 'center' });
            const input = target.querySelector('input, textarea, select');
            if (input) input.focus();
        }
    }

    async save({ quiet = false } = {}) {
        try {
            const r = await put(group(this.id) + '/draft', { revision: this.draft.revision, playlist: this.playlist });
            Object.assign(this.draft, { revision: r.revision, state: r.state });
            this.problems = r.problems || [];
            this.dirty = false;
            this.conflictBox.hidden = true;
            this.draw();
            const errors = this.problems.filter((p) => p.severity !== 'warning').length;
            if (!quiet) toast(errors ? `已保存，还有 ${errors} 个错误` : '已保存', errors ? 'error' : 'ok');
            return true;
        } catch (err) {
            this.failed(err);
            return false;
        }
    }

    failed(err) {
        if (err instanceof ApiError && err.status === 409 && err.body && err.body.playlist) {
            err.body.group_name = this.draft.group_name;
            showConflict(this.conflictBox, this.playlist, err.body, {
                keepMine: () => { this.draft.revision = err.body.revision; this.save(); },
                takeTheirs: () => {
                    const mine = JSON.stringify(this.playlist, null, 2);
                    this.load(err.body);
                    this.draw();
                    this.conflictBox.hidden = false;
                    this.conflictBox.append(h('h2', { text: '已改用对方的版本' }),
                        h('p', { text: '你之前的版本全文在这里，可以复制需要的内容：' }),
                        h('textarea', { class: 'mine-json', readonly: true, rows: 12, value: mine }));
                    toast('已换成对方的版本；你的版本在页面上方可复制');
                },
            });
            this.conflictBox.scrollIntoView({ block: 'start' });
            return;
        }
        if (err instanceof ApiError && err.body && err.body.problems) {
            this.problems = err.body.problems;
            this.drawItems();
        } else if (err instanceof ApiError && err.at) {
            this.problems = [{ severity: 'error', said: err.message, at: err.at }];  // said from its code
            this.drawItems();
        }
        toast(describe(err), 'error');
    }

    async transition(action, done) {
        if (this.dirty && !(await this.save({ quiet: true }))) return;
        try {
            const r = await post(`${group(this.id)}/${action}`, { revision: this.draft.revision });
            Object.assign(this.draft, r);
            this.draw();
            toast(done);
        } catch (err) {
            this.failed(err);
        }
    }

    async publish() {
        if (this.dirty && !(await this.save({ quiet: true }))) return;
        if (!window.confirm('发布后所有该栏目的屏幕都会换成这个版本。确定发布？')) return;
        let r;
        try {
            r = await post(group(this.id) + '/publish', { revision: this.draft.revision });
        } catch (err) {
            this.failed(err);
            return;
        }
        // The edition is out whatever happens next: a failed re-read of the draft only leaves
        // the page's copy old, and must not read as a failed publish.
        toast(`已发布第 ${r.edition} 版`);
        const done = h('p', { class: 'ok-box', role: 'status', text: `已发布第 ${r.edition} 版，屏幕将在几秒内更新。` });
        try {
            this.load(await get(group(this.id) + '/draft'));
            this.draw();
        } catch (err) {
            done.textContent += `页面没能重新读取草稿，请刷新页面。${describe(err)}`;
        }
        $('#main').prepend(done);
    }
}
