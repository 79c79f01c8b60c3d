// The board's validation speaks English: the same checker runs on every board and in
// `newsboard check` (player/playlist: fields.cpp, items.cpp, schedule_read.cpp, validate.cpp;
// desk/server/validate.cpp for the font warning). Staff read Chinese, so the messages they can
// reach from the editor's form are said again here; anything else is shown as the checker
// wrote it. The original stays in the element's title for whoever reports a problem.
// tests/desk/test_gallery_browser.py and test_reorder.py see a few of these on screen.

const patterns = [
    [/^a link must start with https:\/\/ .*?, got (.*)$/, (m) => `网址须以 https:// 开头（手机打开别的网址前会先警告），现在是 ${m[1]}`],
    [/^a link needs a host after https:\/\//, () => 'https:// 之后缺少网站地址'],
    [/^a link has at most (\d+) characters \(this has (\d+)\)/,
        (m) => `网址最多 ${m[1]} 个字符（现在 ${m[2]} 个）：太长的网址做成二维码太密，一两米外扫不出来，请用短网址`],
    [/^a link must be printable ASCII without spaces/, () => '网址只能有英文字母、数字和符号，不能有空格（其他字符请用百分号编码）'],
    [/^expected an https:\/\/ link/, () => '这里要填 https:// 网址'],
    [/^missing "(\w+)" \(/, (m, name) => `缺少${name(m[1])}`],
    [/^"(\w+)" must not be empty$/, (m, name) => `${name(m[1])}不能为空`],
    [/^a paragraph must not be empty$/, () => '段落不能为空'],
    [/^(\d+) characters; the limit is (\d+)$/, (m) => `${m[1]} 个字，最多 ${m[2]} 个字`],
    [/^(\d+) characters in all; the limit is (\d+)$/, (m) => `全文 ${m[1]} 个字，最多 ${m[2]} 个字`],
    [/^expected a list of (\d+) to (\d+) pictures.*?(?: with (\d+))?$/,
        (m) => `组图要有 ${m[1]} 至 ${m[2]} 张图片${m[3] !== undefined ? `，现在 ${m[3]} 张` : ''}`],
    [/^a notice needs a "headline" or a "text"$/, () => '通知要有标题或内容'],
    [/^the schedule ends before it starts/, () => '结束时间早于开始时间'],
    [/^the range (.*) starts and ends at the same time/, (m) => `时段 ${m[1]} 的开始和结束相同；全天播放请不填时段`],
    [/^a ticker line must not be empty/, () => '滚动字幕不能有空行'],
    [/^expected a whole number of seconds from (\d+) to (\d+)/, (m) => `应为 ${m[1]} 到 ${m[2]} 之间的整数秒`],
    [/^the board's font has no (U\+[0-9A-F]+) '(.+)': boards show a gap there$/,
        (m) => `屏幕的字体里没有“${m[2]}”（${m[1]}），屏上这里会是空白`],
];

// `name(key)` gives a field's Chinese name ("headline" → "标题").
export function inChinese(message, name) {
    for (const [pattern, say] of patterns) {
        const m = pattern.exec(message || '');
        if (m) return say(m, name);
    }
    return message;
}
