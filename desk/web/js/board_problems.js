// A board's problems (the fleet list's `errors`, desk/server/fleet_routes.cpp) in staff's
// words. A board reports its last sync failure only as the player's English text
// (player/sync: syncer.cpp, http.cpp), so it is classified by the fixed words the player puts
// in it, conservatively: what matches nothing is only called a failed sync. The English
// stays beside the summary, as text, for whoever fixes the server or the board.
// tests/desk/test_fleet_browser.py sees some of these on screen.

const kinds = [
    [/quarantined/, '这一版内容让播放器多次崩溃，已被隔离；屏幕继续播放上一版（或待机画面），发布新版本后恢复。'],
    [/^another key tried to enrol with this id/, '有另一把钥匙用这个屏幕编号申请接入：可能有人冒用，或屏幕重装过。'],
    [/^signature: /, '取不到播放列表的签名文件，屏幕不换内容。'],
    [/: signature: /, '播放列表的签名不对（不是编辑台签发的，或被改动过），屏幕拒绝播放。'],
    [/\(DNS: /, '找不到内容服务器：域名解析失败。请检查屏幕的网络和服务器地址。'],
    [/nothing answers at that address/, '连不上内容服务器：那个地址没有回应。请检查服务器是否开着、网络是否通。'],
    [/too slow or no answer/, '连接内容服务器超时：网络可能断了或太慢。'],
    [/connection broke off/, '下载途中连接断开，屏幕会自动重试。'],
    [/this board's clock reads/, '屏幕的时钟不对，无法验证服务器的安全证书。'],
    [/waiting for the clock to be set/, '屏幕在等时钟校准，还没有开始下载。'],
    [/\(TLS: /, '内容服务器的安全证书（HTTPS）有问题，屏幕拒绝连接。'],
    [/: HTTP 40[13]\b/, '内容服务器拒绝这块屏幕访问，请检查服务器的访问规则。'],
    [/: HTTP 404\b/, '内容服务器上找不到要下载的文件，请检查地址或是否已发布。'],
    [/: HTTP 429\b/, '内容服务器要求屏幕稍后再试（请求太频繁），屏幕会自动重试。'],
    [/: HTTP 5\d\d\b/, '内容服务器出错，屏幕会自动重试。'],
    [/(larger than|more than) the limit of/, '要下载的文件超过了屏幕能接收的上限。'],
    [/^media: /, '图片等媒体文件下载失败或与播放列表不符。'],
    [/^(cache|state): /, '屏幕自己的存储出错（磁盘满了或损坏？）。'],
];

// { summary: Chinese, detail: the board's own words (English) }
export function boardProblem(text) {
    for (const [pattern, summary] of kinds) {
        if (pattern.test(text)) return { summary, detail: text };
    }
    return { summary: '同步失败，原因见下面屏幕报告的原文。', detail: text };
}
