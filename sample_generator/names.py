"""Synthetic but plausible names: Chinese short names with their English and legal forms,
English brand names, people and investors. Every generated name is checked against a list of
well-known real companies so no real company name appears outside the real-deal list."""

from __future__ import annotations

import random

# (character, pinyin, English gloss) — uncommon characters, so combinations read like a start-up
# name without copying one. 爱/艾 (pinyin "ai") are left out on purpose.
P1 = [("澜", "lan", "Wave"), ("曜", "yao", "Radiant"), ("衍", "yan", "Flux"), ("瀚", "han", "Vast"),
      ("翎", "ling", "Plume"), ("璟", "jing", "Jade"), ("珩", "heng", "Pendant"), ("霁", "ji", "Clearsky"),
      ("朔", "shuo", "North"), ("泓", "hong", "Spring"), ("琮", "cong", "Cong"), ("熠", "yi", "Glint"),
      ("岚", "lan", "Mist"), ("棱", "leng", "Prism"), ("垣", "yuan", "Rampart"), ("穹", "qiong", "Vault"),
      ("枢", "shu", "Pivot"), ("弈", "yi", "Gambit"), ("舟", "zhou", "Ark"), ("砚", "yan", "Inkstone"),
      ("溯", "su", "Trace"), ("烁", "shuo", "Spark"), ("岱", "dai", "Summit"), ("铂", "bo", "Platinum"),
      ("钛", "tai", "Titan"), ("琨", "kun", "Kun"), ("昶", "chang", "Dawn"), ("骁", "xiao", "Valor"),
      ("翊", "yi", "Wing"), ("湛", "zhan", "Azure"), ("槿", "jin", "Hibiscus"), ("芮", "rui", "Bloom"),
      ("晞", "xi", "Daybreak"), ("沄", "yun", "Torrent"), ("峤", "qiao", "Ridge"), ("珞", "luo", "Pearl"),
      ("瑭", "tang", "Tang"), ("檀", "tan", "Sandal"), ("祁", "qi", "Qi"), ("篆", "zhuan", "Seal")]
P2 = [("瞳", "tong", "Pupil"), ("衡", "heng", "Balance"), ("澈", "che", "Clear"), ("弦", "xian", "String"),
      ("矩", "ju", "Matrix"), ("维", "wei", "Dimension"), ("图", "tu", "Atlas"), ("川", "chuan", "River"),
      ("帆", "fan", "Sail"), ("泽", "ze", "Marsh"), ("屿", "yu", "Isle"), ("岩", "yan", "Rock"),
      ("汐", "xi", "Tide"), ("禾", "he", "Grain"), ("栖", "qi", "Perch"), ("镜", "jing", "Mirror"),
      ("璇", "xuan", "Orbit"), ("宸", "chen", "Palace"), ("炬", "ju", "Torch"), ("羲", "xi", "Solar"),
      ("极", "ji", "Pole"), ("元", "yuan", "Origin"), ("象", "xiang", "Form"), ("链", "lian", "Chain"),
      ("灵", "ling", "Spirit"), ("策", "ce", "Strategy"), ("航", "hang", "Voyage"), ("驰", "chi", "Gallop"),
      ("矽", "xi", "Silicon"), ("桥", "qiao", "Bridge"), ("律", "lv", "Rhythm"), ("序", "xu", "Order"),
      ("印", "yin", "Imprint"), ("辰", "chen", "Star"), ("途", "tu", "Path"), ("隅", "yu", "Corner"),
      ("舸", "ge", "Barge"), ("枫", "feng", "Maple"), ("瓴", "ling", "Tile"), ("珀", "po", "Amber")]
P3 = [("启", "qi", "Rise"), ("合", "he", "Union"), ("源", "yuan", "Source"), ("远", "yuan", "Far"),
      ("达", "da", "Reach"), ("新", "xin", "Nova"), ("恒", "heng", "Ever"), ("融", "rong", "Fusion"),
      ("拓", "tuo", "Expand"), ("睿", "rui", "Sage"), ("锐", "rui", "Edge"), ("安", "an", "Safe"),
      ("和", "he", "Harmony"), ("鼎", "ding", "Tripod"), ("诚", "cheng", "Trust"), ("跃", "yue", "Leap"),
      ("盛", "sheng", "Prime"), ("华", "hua", "Bloom"), ("嘉", "jia", "Fine"), ("泰", "tai", "Peace"),
      ("宏", "hong", "Grand"), ("坤", "kun", "Earth"), ("乾", "qian", "Heaven"), ("诺", "nuo", "Promise"),
      ("朗", "lang", "Bright"), ("骏", "jun", "Steed"), ("雅", "ya", "Elegant"), ("峻", "jun", "Lofty"),
      ("祥", "xiang", "Omen"), ("铭", "ming", "Inscribe")]

# Name suffixes by sub-segment (Chinese, English); must agree with the company's sub-segment
# because the description starts with the name.
ZH_SUFFIX = {
    "ai_chips": ["芯", "微电子", "科技", "半导体"],
    "cloud_compute": ["智算", "云", "科技"],
    "robotics": ["机器人", "智能", "科技"],
    "unmanned_devices": ["无人机", "智能", "科技"],
    "healthcare": ["医疗", "智能", "科技", "智慧医疗"],
    "autonomous_driving": ["智驾", "智能", "科技"],
    "data_services": ["数据", "科技", "智能"],
    "education": ["教育", "智能", "科技"],
    "finance": ["科技", "智能", "数科"],
}
ZH_SUFFIX_DEFAULT = ["智能", "科技", "智能科技", "AI"]
EN_SUFFIX = {
    "ai_chips": ["Semi", "Silicon", "Technologies"],
    "cloud_compute": ["Compute", "Cloud", "Systems"],
    "robotics": ["Robotics", "Robots", "Dynamics"],
    "healthcare": ["Health", "Bio", "Medical AI"],
    "security": ["Security", "Shield", "Defense"],
    "autonomous_driving": ["Autonomy", "Drive", "Mobility"],
    "unmanned_devices": ["Aero", "Drones", "Systems"],
    "data_services": ["Data", "Labs"],
    "finance": ["Finance", "Capital AI", "Money"],
    "education": ["Learn", "Education", "Tutor"],
}
EN_SUFFIX_DEFAULT = ["AI", "Labs", "Technologies", "Systems", "Intelligence", ""]

# Real names that must never be produced (lower case, substrings for Chinese).
BLOCK_ZH = [
    "商汤", "旷视", "云从", "依图", "寒武纪", "地平线", "澜舟", "星环", "云知声", "思必驰", "第四范式", "智元", "宇树", "摩尔线程",
    "壁仞", "燧原", "沐曦", "天数", "面壁", "生数", "爱诗", "无问芯穹", "硅基流动", "零一万物", "百川", "智谱", "月之暗面", "稀宇",
    "阶跃", "深度求索", "出门问问", "小冰", "达闼", "优必选", "云鲸", "极智嘉", "海康", "大华", "讯飞", "驭势", "小马", "文远",
    "元戎", "毫末", "图森", "主线", "新石器", "九识", "白犀牛", "推想", "数坤", "深睿", "鹰瞳", "晶泰", "英矽", "智源", "昆仑",
    "衔远", "聆心", "循环智能", "深势", "澜码", "明略", "拓尔思", "海致", "渊亭", "星尘", "曼孚", "海天瑞声", "标贝", "数据堂",
    "瑞莱", "墨芯", "爱芯", "黑芝麻", "鲲云", "清微", "知存", "后摩", "象帝先", "登临", "希姆", "算能", "九章", "潞晨", "傅利叶",
    "银河通用", "星海图", "星动纪元", "逐际", "云深处", "帕西尼", "灵初", "穹彻", "自变量", "智平方", "千寻", "松延", "加速进化",
    "乐聚", "众擎", "魔法原子", "光轮", "蔚来", "理想", "小鹏", "极氪", "极越", "华为", "阿里", "腾讯", "百度", "字节", "美团",
    "京东", "小米", "联想", "科大", "中科", "清华", "北大", "灵犀", "元象", "灵汐", "图灵", "格灵", "深瞳", "极佳", "澜起",
    "璇玑", "镜像", "源启", "序列", "极链", "象帝", "瀚博", "途深", "泓图", "曜途", "鼎桥", "恒锐",
]
BLOCK_EN = {
    "openai", "anthropic", "cohere", "mistral", "runway", "synthesia", "jasper", "glean", "writer", "harvey", "hebbia",
    "sierra", "adept", "inflection", "character", "perplexity", "databricks", "coreweave", "lambda", "together",
    "fireworks", "groq", "cerebras", "sambanova", "etched", "tenstorrent", "lightmatter", "scale", "snorkel", "labelbox",
    "weaviate", "pinecone", "qdrant", "chroma", "zilliz", "wayve", "waymo", "cruise", "aurora", "nuro", "zoox", "figure",
    "apptronik", "agility", "skild", "sanctuary", "shield", "anduril", "helsing", "cognition", "poolside", "magic",
    "codeium", "replit", "cursor", "anysphere", "tabnine", "abridge", "tempus", "insitro", "recursion", "xaira",
    "isomorphic", "cresta", "moveworks", "uniphore", "crusoe", "nscale", "vast", "stripe", "klarna", "revolut", "canva",
    "notion", "figma", "rippling", "deel", "ramp", "brex", "plaid", "chime", "shein", "bytedance", "grok", "gemini",
    "claude", "llama", "kimi", "neolix", "minimax", "zhipu", "stepfun", "baichuan", "moonshot", "sensetime", "megvii",
    "horizon", "unitree", "pony", "weride", "momenta", "deepseek", "qwen", "xai", "ssi", "safe", "ai21", "aleph",
    "stability", "midjourney", "suno", "udio", "pika", "luma", "ideogram", "elevenlabs", "descript", "heygen",
    "hippocratic", "physical", "dexterity", "covariant", "vicarious", "hugging", "weights", "comet", "tecton", "arize",
    "modal", "baseten", "replicate", "anyscale", "mosaic", "rivos", "ampere", "graphcore", "sima", "mythic", "hailo",
    "celestial", "ayar", "enfabrica", "quora", "poe", "copy", "tome", "gamma", "beautiful", "sana", "lovable",
    "bolt", "vercel", "supabase", "neon", "temporal", "render", "retool", "airtable", "zapier", "monday", "asana",
}

ONSETS = ["b", "br", "c", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "qu", "r",
          "s", "st", "t", "tr", "v", "z", "sk", "pl", "th", "sol", "ver", "kal", "mar", "nov", "zen"]
VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o"]
MIDDLES = ["l", "r", "n", "m", "v", "t", "d", "s", "x", "nt", "rv", "lv", "st", "nd", "k", "br", "tr"]
VOWELS2 = ["a", "e", "i", "o", "a", "io", "ia"]
SHORT_CODAS = ["", "n", "r", "s", "x", "l", "m"]
CODAS = ["", "n", "r", "s", "x", "l", "m", "nt", "ra", "va", "ix", "on", "is", "ar", "en", "um", "ex", "ic"]
ENDINGS = ["a", "o", "ix", "on", "is", "ar", "en", "um", "ic", "ex"]

SURNAMES = list("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕")
GIVEN = list("立衡澈然宁远晨昊博文哲思怡舟川岚彦书航逸峰婧琳睿凯宇涵悦瑶泽楠")


def is_blocked(name: str) -> bool:
    low = name.lower()
    if any(b in name for b in BLOCK_ZH):
        return True
    first = low.split()[0] if low.split() else low
    return first in BLOCK_EN or low in BLOCK_EN


class NameBook:
    """Hands out unique names (per kind) from one RNG."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def _claim(self, name: str) -> bool:
        key = name.lower()
        if key in self.used or is_blocked(name):
            return False
        self.used.add(key)
        return True

    def reserve(self, *names: str) -> None:
        for n in names:
            if n:
                self.used.add(n.lower())

    def pseudo_word(self, syllables: int | None = None) -> str:
        r = self.rng
        for _ in range(100):
            v2 = r.choice(VOWELS2)
            w = r.choice(ONSETS) + r.choice(VOWELS) + r.choice(MIDDLES) + v2
            if (syllables or (2 if r.random() < 0.8 else 3)) == 3:
                w += r.choice(MIDDLES) + r.choice(ENDINGS)
            else:
                w += r.choice(CODAS if len(v2) == 1 else SHORT_CODAS)
            if len(w) <= 9:
                return w[:1].upper() + w[1:]
        return w[:1].upper() + w[1:]

    def zh_investor_pair(self) -> tuple[str, str]:
        """(Chinese name, English name) of a synthetic Chinese VC firm."""
        from sample_generator.vocab import SYNTH_VC_ZH_SUFFIX

        en_suffix = {"资本": "Capital", "创投": "Ventures", "投资": "Investment", "基金": "Fund"}
        for _ in range(1000):
            zh, py, gloss = self.zh_stem(self.rng.random() < 0.3)
            suffix = self.rng.choice(SYNTH_VC_ZH_SUFFIX)
            name = zh + suffix
            if self._claim(name):
                return name, f"{gloss if self.rng.random() < 0.5 else py} {en_suffix[suffix]}"
        raise RuntimeError("name space exhausted")

    def zh_stem(self, three: bool = False) -> tuple[str, str, str]:
        """(Chinese stem, pinyin, English gloss)"""
        r = self.rng
        a, b = r.choice(P1), r.choice(P2)
        zh, py, en = a[0] + b[0], a[1].capitalize() + b[1], a[2] + b[2]
        if three:
            c = r.choice(P3)
            zh, py, en = zh + c[0], py + c[1], en + c[2]
        return zh, py, en

    def cn_company(self, sub: str | None, non_ai_suffix: str | None = None, three: bool = False) -> dict:
        """A Chinese company: short name, pinyin, English gloss brand."""
        r = self.rng
        for attempt in range(1000):
            zh, py, en = self.zh_stem(three or attempt > 200)
            if non_ai_suffix is not None:
                suffix = non_ai_suffix if r.random() < 0.6 else r.choice(["科技", "网络", "集团", ""])
            else:
                suffix = r.choice(ZH_SUFFIX.get(sub or "", ZH_SUFFIX_DEFAULT) + ["", "科技"])
            name = zh + suffix
            if len(name) < 3:
                name = zh + "科技"
            if self._claim(name):
                return {"zh": name, "stem": zh, "pinyin": py, "gloss": en}
        raise RuntimeError("name space exhausted")

    def en_company(self, sub: str | None, non_ai_suffix: str | None = None) -> str:
        r = self.rng
        for _ in range(1000):
            w = self.pseudo_word()
            if non_ai_suffix is not None:
                suffix = non_ai_suffix if r.random() < 0.5 else r.choice(["", "", "Group", "Co"])
            else:
                suffix = r.choice(EN_SUFFIX.get(sub or "", EN_SUFFIX_DEFAULT) + ["AI", ""])
            name = f"{w} {suffix}".strip()
            if self._claim(name) and not is_blocked(w):
                return name
        raise RuntimeError("name space exhausted")

    def en_investor(self) -> str:
        from sample_generator.vocab import SYNTH_VC_EN_SUFFIX

        for _ in range(1000):
            name = f"{self.pseudo_word()} {self.rng.choice(SYNTH_VC_EN_SUFFIX)}"
            if self._claim(name):
                return name
        raise RuntimeError("name space exhausted")

    def zh_investor(self) -> str:
        from sample_generator.vocab import SYNTH_VC_ZH_SUFFIX

        for _ in range(1000):
            zh, _, _ = self.zh_stem(self.rng.random() < 0.3)
            name = zh + self.rng.choice(SYNTH_VC_ZH_SUFFIX)
            if self._claim(name):
                return name
        raise RuntimeError("name space exhausted")

    def person(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + r.choice(GIVEN) + (r.choice(GIVEN) if r.random() < 0.7 else "")
