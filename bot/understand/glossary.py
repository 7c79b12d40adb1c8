"""English words for the parts of Chinese agency names, so "business environment bureau" finds 营商环境建设局.

This is a translation table, not a list of agencies: names are cut into these parts (longest first)
and an English question matches an agency when it names the parts. Region names need no table:
they are matched by their pinyin (Panjin, Pingtan).
"""

from __future__ import annotations

# Chinese part -> English words that may stand for it (all lowercase).
DEPARTMENT_PARTS: dict[str, tuple[str, ...]] = {
    "人民政府办公室": ("general office", "government office", "office"),
    "人民政府": ("people's government", "government", "govt"),
    "政府办公室": ("government office", "general office", "office"),
    "办公室": ("office", "general office"),
    "办公厅": ("general office", "office"),
    "委员会": ("commission", "committee"),
    "管理委员会": ("administrative committee", "management committee"),
    "管委会": ("administrative committee", "management committee"),
    "营商环境": ("business environment",),
    "营商": ("business",),
    "环境": ("environment", "environmental"),
    "建设": ("construction", "development", "building"),
    "公安": ("public security", "police"),
    "发展和改革": ("development and reform", "drc"),  # DRC: what a 发改 unit is called in English, 局 or 委
    "发展改革": ("development and reform",),
    "财政": ("finance", "financial"),
    "教育": ("education",),
    "卫生健康": ("health", "health commission"),
    "卫生": ("health",),
    "生态环境": ("ecology and environment", "ecological environment", "environment"),
    "自然资源": ("natural resources",),
    "住房和城乡建设": ("housing and urban-rural development", "housing"),
    "住房城乡建设": ("housing and urban-rural development", "housing"),
    "交通运输": ("transport", "transportation"),
    "农业农村": ("agriculture and rural affairs", "agriculture"),
    "商务": ("commerce",),
    "文化和旅游": ("culture and tourism", "tourism"),
    "文化": ("culture",),
    "旅游": ("tourism",),
    "应急管理": ("emergency management",),
    "市场监督管理": ("market regulation", "market supervision", "market supervision and administration"),
    "税务": ("taxation", "tax"),
    "民政": ("civil affairs",),
    "司法": ("justice",),
    "人力资源和社会保障": ("human resources and social security", "human resources"),
    "水利": ("water resources", "water"),
    "审计": ("audit", "auditing"),
    "统计": ("statistics", "statistical"),
    "医疗保障": ("healthcare security", "medical security", "medical insurance"),
    "退役军人事务": ("veterans affairs", "veterans"),
    "行政审批": ("administrative approval", "approval", "examination and approval"),
    "行政服务": ("administrative services",),
    "政务服务": ("government services", "government affairs services"),
    "数据": ("data",),
    "大数据": ("big data",),
    "科学技术": ("science and technology", "s&t", "science", "sci-tech"),
    "科技": ("science and technology", "technology", "s&t", "science", "sci-tech"),
    "工业和信息化": ("industry and information technology", "industry"),
    "城市管理": ("urban management", "city management"),
    "综合行政执法": ("comprehensive law enforcement", "law enforcement"),
    "林业": ("forestry",),
    "海洋": ("ocean", "marine"),
    "渔业": ("fisheries", "fishery"),
    "体育": ("sports",),
    "档案": ("archives",),
    "信访": ("petitions", "letters and visits"),
    "国有资产监督管理": ("state-owned assets",),
    "外事": ("foreign affairs",),
    "民族宗教": ("ethnic and religious affairs",),
    "自然资源与生态环境": ("natural resources and ecological environment", "natural resources"),
    "局": ("bureau", "administration", "department", "dept"),
    "厅": ("department", "dept"),
    "委": ("commission",),
    "办": ("office",),
    "中心": ("center", "centre"),
}

# Region suffixes and their English names: 平潭县 = Pingtan County.
REGION_SUFFIXES: dict[str, tuple[str, ...]] = {
    "综合实验区": ("comprehensive experimental zone", "comprehensive pilot zone", "experimental zone", "pilot zone",
                   "comprehensive experimental area", "zone"),
    "经济技术开发区": ("economic and technological development zone", "development zone"),
    "高新技术产业开发区": ("high-tech zone", "high-tech industrial development zone"),
    "开发区": ("development zone",),
    "新区": ("new area", "new district"),
    "自治州": ("autonomous prefecture",),
    "自治县": ("autonomous county",),
    "自治区": ("autonomous region",),
    "省": ("province", "provincial"),
    "市": ("city", "municipal", "municipality"),
    "县": ("county",),
    "区": ("district",),
    "州": ("prefecture",),
    "盟": ("league",),
    "旗": ("banner",),
    "镇": ("town",),
    "乡": ("township",),
}

# Words that end an agency's name in Chinese; a mention ending in one of them is an agency mention.
DEPARTMENT_ENDINGS = ("局", "委员会", "委", "办公室", "办", "厅", "中心", "院", "署", "管委会", "政府")
# English heads of agency names: a question naming one of these names an agency.
ENGLISH_HEADS = ("bureau", "office", "commission", "committee", "department", "dept", "administration", "government",
                 "center", "centre", "agency", "ministry")
