// Users and groups, for admins: add a user with a role, change a role or password, remove a
// user; add a group of boards.
import { clear, field, h, toast, whileBusy } from './dom.js';
import { describe, del, get, post, put } from './api.js';
import { roleNames, session } from './session.js';
import { showProblems } from './problems.js';

function roleSelect(value, name = 'role') {
    return h('select', { name }, Object.entries(roleNames).map(([v, n]) => h('option', { value: v, selected: v === value }, n)));
}

export async function show(main) {
    const users = h('tbody');
    const drawUsers = async () => {
        clear(users);
        const r = await get('/api/users');
        for (const u of r.users || []) {
            const role = roleSelect(u.role);
            role.disabled = u.name === session.user;
            // The list shows the role the desk holds: a change it refused goes back.
            let saved = u.role;
            role.addEventListener('change', async () => {
                try {
                    await put('/api/users/' + encodeURIComponent(u.name), { role: role.value });
                    saved = role.value;
                    toast('已修改角色');
                } catch (err) {
                    role.value = saved;
                    toast(`${u.name} 的角色没有改：${describe(err)}`, 'error');
                }
            });
            users.append(h('tr', {}, h('td', { text: u.name }), h('td', {}, role), h('td', { text: u.totp ? '已启用' : '未启用' }),
                h('td', {}, u.name === session.user ? null : h('button', { type: 'button', class: 'quiet danger', onclick: async () => {
                    if (!window.confirm(`删除用户 ${u.name}？`)) return;
                    try { await del('/api/users/' + encodeURIComponent(u.name)); await drawUsers(); } catch (err) { toast(describe(err), 'error'); }
                } }, '删除'))));
        }
    };
    const name = h('input', { name: 'new-user', autocomplete: 'off', autocapitalize: 'off' });
    const password = h('input', { name: 'new-password', type: 'password', autocomplete: 'new-password', minlength: '10' });
    const role = roleSelect('editor', 'new-role');
    const userSummary = h('div', { class: 'problems', hidden: true });
    const addUser = h('button', { type: 'submit', class: 'primary' }, '添加用户');
    const userForm = h('form', { class: 'card grid4' }, field('用户名', name, { at: 'name' }), field('初始密码（至少 10 位）', password, { at: 'password' }),
        field('角色', role, { at: 'role' }), addUser, userSummary);
    userForm.addEventListener('submit', (e) => {
        e.preventDefault();
        whileBusy(addUser, async () => {
            try {
                await post('/api/users', { name: name.value.trim(), password: password.value, role: role.value });
            } catch (err) {
                showProblems(userForm, [{ severity: 'error', at: err.at || '', said: describe(err) }], userSummary, () => {}, { action: '添加' });
                return;
            }
            userForm.reset();
            showProblems(userForm, [], userSummary, () => {});
            toast('已添加用户');
            await drawUsers().catch((err) => toast(`已添加用户，但用户列表没能更新：${describe(err)}`, 'error'));
        });
    });

    // The '-' escaped: browsers compile `pattern` with the v flag, where a bare '-' at a class's
    // end is a syntax error (the pattern was then ignored, with an error in the console).
    const gid = h('input', { name: 'group-id', pattern: '[A-Za-z0-9][A-Za-z0-9_\\-]{0,63}', autocapitalize: 'off', placeholder: '如 park' });
    const gname = h('input', { name: 'group-name', placeholder: '如 公园' });
    const groupSummary = h('div', { class: 'problems', hidden: true });
    const groupList = h('ul', { class: 'plain' });
    const drawGroups = async () => {
        clear(groupList);
        const { groups } = await get('/api/groups');
        for (const g of groups) groupList.append(h('li', {}, h('span', { text: g.name || g.id }), ' ', h('span', { class: 'muted', text: g.id })));
    };
    const addGroup = h('button', { type: 'submit', class: 'primary' }, '添加栏目');
    const groupForm = h('form', { class: 'card grid4' }, field('栏目代号（字母数字，用于文件名）', gid, { at: 'id' }), field('栏目名称', gname, { at: 'name' }),
        addGroup, groupSummary);
    groupForm.addEventListener('submit', (e) => {
        e.preventDefault();
        whileBusy(addGroup, async () => {
            try {
                await post('/api/groups', { id: gid.value.trim(), name: gname.value.trim() });
            } catch (err) {
                showProblems(groupForm, [{ severity: 'error', at: err.at || '', said: describe(err) }], groupSummary, () => {}, { action: '添加' });
                return;
            }
            groupForm.reset();
            showProblems(groupForm, [], groupSummary, () => {});
            toast('已添加栏目');
            await drawGroups().catch((err) => toast(`已添加栏目，但栏目列表没能更新：${describe(err)}`, 'error'));
        });
    });

    main.append(h('h1', { text: '用户与栏目' }),
        h('h2', { text: '用户' }),
        h('div', { class: 'scroll-x' }, h('table', {}, h('thead', {}, h('tr', {}, ['用户名', '角色', '两步验证', ''].map((t) => h('th', { text: t })))), users)),
        userForm, h('h2', { text: '栏目' }), groupList, groupForm);
    await Promise.all([drawUsers().catch((err) => users.append(h('tr', {}, h('td', { colspan: '4', class: 'error-box', text: describe(err) })))), drawGroups()]);
}
