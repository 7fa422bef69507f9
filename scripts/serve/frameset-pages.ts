import { DEMO_ARTICLE_PATH } from './demo-article';

/* An old portal's frameset: a narrow nav frame beside the article's frame, all of one site. */

export const FRAMESET_PATH = '/chinapeace/frames/index.htm';
export const NAV_PATH = '/chinapeace/frames/nav.htm';

export const framesetPage = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>中国长安网</title></head>
<frameset cols="180,*"><frame src="${NAV_PATH}" name="nav"><frame src="${DEMO_ARTICLE_PATH}" name="main"></frameset>
</html>`;
export const navPage = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><ul><li><a href="#">首页</a></li><li><a href="#">要闻</a></li></ul></body></html>`;
