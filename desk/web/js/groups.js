// The groups of boards staff can edit, each with its draft's state and latest edition.
import { h } from './dom.js';
import { get } from './api.js';

export const stateNames = { editing: '编辑中', submitted: '待审核', approved: '已批准' };

export async function show(main) {
    const { groups } = await get('/api/groups');
    main.append(h('h1', { text: '栏目' }));
    if (!groups.length) {
        main.append(h('p', { text: '还没有栏目。管理员可以在“用户与栏目”里新建。' }));
        return;
    }
    main.append(h('ul', { class: 'groups' }, groups.map((g) => {
        const state = g.draft ? g.draft.state : g.state;
        const edition = g.edition && typeof g.edition === 'object' ? g.edition.number : g.edition;
        return h('li', { class: 'card' },
            h('a', { class: 'group-name', href: `#/g/${g.id}` }, g.name || g.id),
            h('span', { class: 'muted', text: g.id }),
            state ? h('span', { class: `badge ${state}`, text: stateNames[state] || state }) : null,
            edition ? h('span', { class: 'muted', text: `已发布第 ${edition} 版` }) : h('span', { class: 'muted', text: '尚未发布' }),
            h('span', { class: 'actions' },
                h('a', { href: `#/g/${g.id}` }, '编辑'),
                h('a', { href: `#/g/${g.id}/paste` }, '粘贴整版'),
                h('a', { href: `#/g/${g.id}/preview` }, '预览'),
                h('a', { href: `#/g/${g.id}/editions` }, '历史版本')));
    })));
}
