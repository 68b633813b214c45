"""Countries and places of the sample: how each export writes them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name_en: str  # unicorn list 'Country'
    cn_place: str  # cn_export 地点 for a foreign company ('' = uses Chinese provinces)
    currency: str  # local currency of Crunchbase raised_amount_currency_code
    group: str  # US / CN / other


COUNTRIES: dict[str, Country] = {
    c.iso2: c
    for c in [
        Country("US", "USA", "United States", "北美洲-美国", "USD", "US"),
        Country("CN", "CHN", "China", "", "CNY", "CN"),
        Country("HK", "HKG", "Hong Kong", "", "HKD", "CN"),
        Country("TW", "TWN", "Taiwan", "", "USD", "other"),
        Country("GB", "GBR", "United Kingdom", "欧洲-英国", "GBP", "other"),
        Country("FR", "FRA", "France", "欧洲-法国", "EUR", "other"),
        Country("DE", "DEU", "Germany", "欧洲-德国", "EUR", "other"),
        Country("IL", "ISR", "Israel", "亚洲-以色列", "ILS", "other"),
        Country("JP", "JPN", "Japan", "亚洲-日本", "JPY", "other"),
        Country("SG", "SGP", "Singapore", "亚洲-新加坡", "SGD", "other"),
        Country("IN", "IND", "India", "亚洲-印度", "INR", "other"),
        Country("KR", "KOR", "South Korea", "亚洲-韩国", "KRW", "other"),
        Country("CA", "CAN", "Canada", "北美洲-加拿大", "CAD", "other"),
        Country("AE", "ARE", "United Arab Emirates", "亚洲-阿联酋", "USD", "other"),
        Country("CH", "CHE", "Switzerland", "欧洲-瑞士", "CHF", "other"),
        Country("SE", "SWE", "Sweden", "欧洲-瑞典", "EUR", "other"),
        Country("NL", "NLD", "Netherlands", "欧洲-荷兰", "EUR", "other"),
        Country("AU", "AUS", "Australia", "大洋洲-澳大利亚", "AUD", "other"),
    ]
}

# Weights of the 'other' country group (AI companies); non-AI uses its own weights.
OTHER_WEIGHTS = {"GB": 22, "FR": 12, "DE": 12, "IL": 10, "JP": 8, "SG": 7, "IN": 9, "KR": 6, "CA": 8,
                 "AE": 2, "CH": 2, "SE": 1, "NL": 1, "AU": 1}


@dataclass(frozen=True)
class CnPlace:
    place: str  # 地点
    address_prefix: str  # 详细地址
    legal_prefix: str  # in 工商名称
    region: str  # Crunchbase region
    city: str  # Crunchbase / unicorn city
    pinyin: str  # for English legal names
    phone_area: str


CN_PLACES = [
    CnPlace("北京-海淀区", "北京市海淀区", "北京", "Beijing", "Beijing", "Beijing", "010"),
    CnPlace("北京-朝阳区", "北京市朝阳区", "北京", "Beijing", "Beijing", "Beijing", "010"),
    CnPlace("上海-浦东新区", "上海市浦东新区", "上海", "Shanghai", "Shanghai", "Shanghai", "021"),
    CnPlace("上海-徐汇区", "上海市徐汇区", "上海", "Shanghai", "Shanghai", "Shanghai", "021"),
    CnPlace("广东-深圳", "广东省深圳市南山区", "深圳", "Guangdong", "Shenzhen", "Shenzhen", "0755"),
    CnPlace("广东-广州", "广东省广州市天河区", "广州", "Guangdong", "Guangzhou", "Guangzhou", "020"),
    CnPlace("浙江-杭州", "浙江省杭州市余杭区", "杭州", "Zhejiang", "Hangzhou", "Hangzhou", "0571"),
    CnPlace("江苏-苏州", "江苏省苏州市工业园区", "苏州", "Jiangsu", "Suzhou", "Suzhou", "0512"),
    CnPlace("江苏-南京", "江苏省南京市建邺区", "南京", "Jiangsu", "Nanjing", "Nanjing", "025"),
    CnPlace("四川-成都", "四川省成都市高新区", "成都", "Sichuan", "Chengdu", "Chengdu", "028"),
    CnPlace("湖北-武汉", "湖北省武汉市东湖高新区", "武汉", "Hubei", "Wuhan", "Wuhan", "027"),
    CnPlace("安徽-合肥", "安徽省合肥市高新区", "合肥", "Anhui", "Hefei", "Hefei", "0551"),
    CnPlace("福建-厦门", "福建省厦门市思明区", "厦门", "Fujian", "Xiamen", "Xiamen", "0592"),
    CnPlace("陕西-西安", "陕西省西安市雁塔区", "西安", "Shaanxi", "Xi'an", "Xi'an", "029"),
    CnPlace("天津-滨海新区", "天津市滨海新区", "天津", "Tianjin", "Tianjin", "Tianjin", "022"),
    CnPlace("山东-青岛", "山东省青岛市崂山区", "青岛", "Shandong", "Qingdao", "Qingdao", "0532"),
    CnPlace("重庆-渝北区", "重庆市渝北区", "重庆", "Chongqing", "Chongqing", "Chongqing", "023"),
]
CN_PLACE_WEIGHTS = [14, 9, 10, 6, 12, 4, 9, 5, 4, 4, 3, 4, 2, 2, 2, 1, 2]

HK_PLACES = [
    CnPlace("香港-中西区", "香港中西区干诺道中", "香港", "Hong Kong Island", "Hong Kong", "Hong Kong", "852"),
    CnPlace("香港-沙田区", "香港沙田区科学园", "香港", "New Territories", "Hong Kong", "Hong Kong", "852"),
    CnPlace("香港-油尖旺区", "香港油尖旺区广东道", "香港", "Kowloon", "Hong Kong", "Hong Kong", "852"),
]
TW_PLACES = [
    CnPlace("台湾-台北市", "台湾台北市内湖区", "台北", "Taipei City", "Taipei", "Taipei", "02"),
    CnPlace("台湾-新竹市", "台湾新竹市东区", "新竹", "Hsinchu", "Hsinchu", "Hsinchu", "03"),
]

# Crunchbase region / city of companies abroad
FOREIGN_CITIES: dict[str, list[tuple[str, str]]] = {
    "US": [("California", "San Francisco"), ("California", "Palo Alto"), ("California", "Mountain View"),
           ("California", "San Jose"), ("New York", "New York"), ("Massachusetts", "Boston"),
           ("Washington", "Seattle"), ("Texas", "Austin"), ("California", "Los Angeles"), ("Illinois", "Chicago"),
           ("California", "Sunnyvale"), ("Colorado", "Denver"), ("Pennsylvania", "Pittsburgh")],
    "GB": [("England", "London"), ("England", "Cambridge"), ("England", "Oxford"), ("Scotland", "Edinburgh")],
    "FR": [("Ile-de-France", "Paris"), ("Auvergne-Rhone-Alpes", "Lyon")],
    "DE": [("Berlin", "Berlin"), ("Bayern", "Munich"), ("Hamburg", "Hamburg")],
    "IL": [("Tel Aviv", "Tel Aviv"), ("Haifa", "Haifa")],
    "JP": [("Tokyo", "Tokyo"), ("Osaka", "Osaka")],
    "SG": [("Central Region", "Singapore")],
    "IN": [("Karnataka", "Bengaluru"), ("Maharashtra", "Mumbai"), ("Haryana", "Gurugram")],
    "KR": [("Seoul-t'ukpyolsi", "Seoul"), ("Gyeonggi-do", "Seongnam")],
    "CA": [("Ontario", "Toronto"), ("Quebec", "Montreal"), ("British Columbia", "Vancouver")],
    "AE": [("Abu Dhabi", "Abu Dhabi"), ("Dubai", "Dubai")],
    "CH": [("Zurich", "Zurich"), ("Vaud", "Lausanne")],
    "SE": [("Stockholms Lan", "Stockholm")],
    "NL": [("Noord-Holland", "Amsterdam")],
    "AU": [("New South Wales", "Sydney"), ("Victoria", "Melbourne")],
}

LEGAL_SUFFIX = {"US": ["Inc.", ", Inc.", "Corp.", "LLC"], "GB": ["Ltd", "Limited"], "FR": ["SAS"], "DE": ["GmbH"],
                "IL": ["Ltd."], "JP": ["K.K.", "Co., Ltd."], "SG": ["Pte. Ltd."], "IN": ["Private Limited"],
                "KR": ["Inc.", "Co., Ltd."], "CA": ["Inc."], "AE": ["LLC"], "CH": ["AG"], "SE": ["AB"], "NL": ["B.V."],
                "AU": ["Pty Ltd"]}
