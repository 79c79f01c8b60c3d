// Who is signed in: the answer of /api/me or /api/login, shared by every view.
export const session = { user: '', role: '', csrf: '' };

const rank = { editor: 1, publisher: 2, admin: 3 };
export function can(role) { return (rank[session.role] || 0) >= rank[role]; }

// Actions drawn for a role carry data-needs="<role>"; after the session is read again (a
// refusal said the page's idea of the role is old) they are shown or hidden for the role the
// desk now holds, without redrawing the view (and losing unsaved changes).
export function showWhatCan(root) {
    for (const el of root.querySelectorAll('[data-needs]')) el.hidden = !can(el.dataset.needs);
}

export const roleNames = { editor: '编辑', publisher: '签发人', admin: '管理员' };
