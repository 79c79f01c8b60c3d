// Who is signed in: the answer of /api/me or /api/login, shared by every view.
export const session = { user: '', role: '', csrf: '' };

const rank = { editor: 1, publisher: 2, admin: 3 };
export function can(role) { return (rank[session.role] || 0) >= rank[role]; }

export const roleNames = { editor: '编辑', publisher: '签发人', admin: '管理员' };
