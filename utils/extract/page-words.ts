/**
 * The words Chinese article pages print around their fields, in one table that every pattern of
 * the detector and the extractor reads: the labels of 发布时间, 来源, 作者 and 责编, the role words
 * that come before a name, the words of the page's interface, and the placeholders that name no
 * outlet. A word added here is known to every rule at once; no rule keeps a list of its own.
 */
export type FieldName = 'published' | 'source' | 'author' | 'editor';

/** Labels by field, the longer before the shorter that they contain (文章来源 before 来源). */
export const LABEL_WORDS: Record<FieldName, readonly string[]> = {
  // 发文日期 and 生成日期: the dates a 政府信息公开 record table gives its document.
  published: ['发布时间', '发稿时间', '发表时间', '发布日期', '发文日期', '生成日期', '更新时间', '时间', '日期'],
  source: ['文章来源', '本文来源', '信息来源', '新闻来源', '稿件来源', '稿源', '来源', '出处'],
  author: ['作者', '撰稿人', '撰稿', '执笔人', '执笔'],
  // 选稿: who chose a reposted piece for the portal, its editor there.
  editor: ['责任编辑', '责编', '编辑', '选稿'],
};

/** The published labels that name the day of publication itself, not an update or any time. */
export const PUBLICATION_LABELS: readonly string[] = LABEL_WORDS.published.filter(
  (label) => !['更新时间', '时间', '日期'].includes(label),
);

/** Labels of people who checked or produced a piece but are neither its author nor its editor. */
export const OTHER_ROLE_LABELS = ['供稿', '审核', '校对', '编审', '监制', '审校', '终审', '初审'] as const;

/** Words that say what a person did, printed before or after the name: never part of it. */
export const ROLE_WORDS = [
  '特约记者',
  '本报记者',
  '本网记者',
  '见习记者',
  '实习记者',
  '记者',
  '通讯员',
  '实习生',
  '评论员',
  '特约评论员',
  '作者',
  '撰稿',
  '执笔',
  '编辑',
  '责编',
  '主编',
  '编译',
  '摄影',
  '摄像',
  '校对',
  '审核',
  '整理',
  '报道',
  '供稿',
] as const;

/** Words of the page's interface (buttons, counters, prompts): a value made of them is no value. */
export const INTERFACE_WORDS = [
  '页面功能',
  '版面导航',
  '举报',
  '纠错',
  '反馈',
  '字号',
  '字体',
  '放大',
  '缩小',
  '分享',
  '打印',
  '收藏',
  '关注',
  '粉丝',
  '评论',
  '跟帖',
  '回复',
  '浏览',
  '点击',
  '阅读',
  '登录',
  '注册',
  '发布',
  '发表于',
  '转发',
  '点赞',
  '投诉',
  '参与',
  '时间',
  '日期',
  '更新',
  '来自',
  '手机',
  '客户端下载',
  '扫码',
  '二维码',
  '首页',
  '返回',
  '关闭',
  '大中小',
  '推荐',
  '整篇',
  '文章',
  '全文',
  '订阅',
  '有片',
  '閱讀',
  '留言',
  '檢舉',
  '访问',
] as const;

/** Placeholders that say a piece was reposted, not from where: they yield to a named source. */
export const GENERIC_SOURCES = [
  '转载文章',
  '转载',
  '网络转载',
  '网络',
  '互联网',
  '网友',
  '本站',
  '本网',
  '综合',
  '原创',
  '其他',
  '未知',
] as const;

/**
 * Where a reporter filed from, printed after their name ("姚峰 上海", "张三发自北京"): provinces
 * and the larger cities. A place is not a person.
 */
export const PLACE_WORDS = [
  '北京',
  '上海',
  '天津',
  '重庆',
  '河北',
  '山西',
  '辽宁',
  '吉林',
  '黑龙江',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '海南',
  '四川',
  '贵州',
  '云南',
  '陕西',
  '甘肃',
  '青海',
  '台湾',
  '内蒙古',
  '广西',
  '西藏',
  '宁夏',
  '新疆',
  '香港',
  '澳门',
  '广州',
  '深圳',
  '南京',
  '杭州',
  '武汉',
  '成都',
  '西安',
  '沈阳',
  '长沙',
  '郑州',
  '济南',
  '青岛',
  '大连',
  '厦门',
  '苏州',
  '宁波',
  '哈尔滨',
  '长春',
  '昆明',
  '南宁',
  '福州',
  '合肥',
  '石家庄',
  '太原',
  '兰州',
  '贵阳',
  '海口',
  '拉萨',
  '西宁',
  '银川',
  '呼和浩特',
  '乌鲁木齐',
  '南昌',
] as const;

/** How outlets and organisations name what they are: 新华社, 中国青年报, 东方网, 央视新闻, 公安局 … */
export const OUTLET_SUFFIXES = [
  '社',
  '报',
  '网',
  '台',
  '刊',
  '版',
  '杂志',
  '新闻',
  '客户端',
  '频道',
  '号',
  '在线',
  '传媒',
  '资讯',
  '之声',
  '中心',
  '局',
  '厅',
  '委',
  '院',
  '部',
  '办',
  '会',
  '政府',
  '集团',
  '公司',
  '大学',
  '学院',
] as const;

/** A regular-expression alternation of `words`, longest first so that none stops inside a longer one. */
export const alternation = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).join('|');

/** One field's labels as an alternation. */
export const labelsOf = (...fields: FieldName[]) => alternation(fields.flatMap((field) => LABEL_WORDS[field]));

/** Every field label as an alternation. */
export const ANY_LABEL = labelsOf('published', 'source', 'author', 'editor');
