# ruff: noqa: RUF001  # own-language text: full-width and Cyrillic letters are on purpose
"""Language data of the synthetic corpus: province spellings and sentence templates.

Every sentence here was written for this generator (none is taken from a real article).
Templates use ``str.format`` slots: ``{prov}`` province name in the language's spelling,
``{acr}`` index acronym, ``{year}``, ``{score}`` (number with unit, locale-formatted),
``{rank}``, ``{total}``, ``{places}``, ``{pct}`` (locale-formatted percentage), ``{name}``
(initiative name), ``{url}``.
"""

from __future__ import annotations

LANGUAGES = (
    "vi", "en", "id", "nb", "ar", "fr", "zh", "ru", "es", "de", "ja", "ko", "th", "pt", "it",
)  # fmt: skip

# canonical English name -> {language: spelling}; Latin-script languages without an entry use
# the canonical name (what their newspapers mostly print).
PROVINCES: dict[str, dict[str, str]] = {
    "Hanoi": {"vi": "Hà Nội", "fr": "Hanoï", "es": "Hanói", "pt": "Hanói", "ar": "هانوي",
              "zh": "河内", "ru": "Ханой", "ja": "ハノイ", "ko": "하노이", "th": "ฮานอย"},
    "Ho Chi Minh City": {"vi": "Thành phố Hồ Chí Minh", "fr": "Hô Chi Minh-Ville",
                         "es": "Ciudad Ho Chi Minh", "de": "Ho-Chi-Minh-Stadt",
                         "pt": "Cidade de Ho Chi Minh", "it": "Città di Ho Chi Minh",
                         "id": "Kota Ho Chi Minh", "nb": "Ho Chi Minh-byen",
                         "ar": "مدينة هو تشي منه", "zh": "胡志明市", "ru": "Хошимин",
                         "ja": "ホーチミン市", "ko": "호찌민시", "th": "นครโฮจิมินห์"},
    "Da Nang": {"vi": "Đà Nẵng", "ar": "دا نانغ", "zh": "岘港", "ru": "Дананг",
                "ja": "ダナン", "ko": "다낭", "th": "ดานัง"},
    "Hai Phong": {"vi": "Hải Phòng", "ar": "هاي فونغ", "zh": "海防", "ru": "Хайфон",
                  "ja": "ハイフォン", "ko": "하이퐁", "th": "ไฮฟอง"},
    "Can Tho": {"vi": "Cần Thơ", "ar": "كان ثو", "zh": "芹苴", "ru": "Кантхо",
                "ja": "カントー", "ko": "껀터", "th": "เกิ่นเทอ"},
    "Quang Ninh": {"vi": "Quảng Ninh", "ar": "كوانغ نينه", "zh": "广宁", "ru": "Куангнинь",
                   "ja": "クアンニン", "ko": "꽝닌", "th": "กว๋างนิญ"},
    "Phu Yen": {"vi": "Phú Yên", "ar": "فو ين", "zh": "富安", "ru": "Фуйен",
                "ja": "フーイエン", "ko": "푸옌", "th": "ฟูเอียน"},
    "Nghe An": {"vi": "Nghệ An", "ar": "نغي آن", "zh": "乂安", "ru": "Нгеан",
                "ja": "ゲアン", "ko": "응에안", "th": "เหงะอาน"},
    "Thua Thien Hue": {"vi": "Thừa Thiên Huế", "ar": "ثوا ثين هوي", "zh": "承天顺化",
                       "ru": "Тхыатхьен-Хюэ", "ja": "トゥアティエン・フエ", "ko": "트어티엔후에",
                       "th": "เถื่อเทียน-เว้"},
    "Binh Duong": {"vi": "Bình Dương", "ar": "بينه دونغ", "zh": "平阳", "ru": "Биньзыонг",
                   "ja": "ビンズオン", "ko": "빈즈엉", "th": "บิ่ญเซือง"},
    "Dong Thap": {"vi": "Đồng Tháp", "ar": "دونغ ثاب", "zh": "同塔", "ru": "Донгтхап",
                  "ja": "ドンタップ", "ko": "동탑", "th": "ด่งท้าป"},
    "Lao Cai": {"vi": "Lào Cai", "ar": "لاو كاي", "zh": "老街", "ru": "Лаокай",
                "ja": "ラオカイ", "ko": "라오까이", "th": "หล่าวกาย"},
    "Bac Ninh": {"vi": "Bắc Ninh", "ar": "باك نينه", "zh": "北宁", "ru": "Бакнинь",
                 "ja": "バクニン", "ko": "박닌", "th": "บั๊กนิญ"},
    "Khanh Hoa": {"vi": "Khánh Hòa", "ar": "خانه هوا", "zh": "庆和", "ru": "Кханьхоа",
                  "ja": "カインホア", "ko": "카인호아", "th": "คั้ญฮหว่า"},
    "Lam Dong": {"vi": "Lâm Đồng", "ar": "لام دونغ", "zh": "林同", "ru": "Ламдонг",
                 "ja": "ラムドン", "ko": "럼동", "th": "เลิมด่ง"},
    "Ba Ria - Vung Tau": {"vi": "Bà Rịa - Vũng Tàu", "ar": "با ريا فونغ تاو", "zh": "巴地头顿",
                          "ru": "Бариа-Вунгтау", "ja": "バリア＝ブンタウ", "ko": "바리아붕따우",
                          "th": "บ่าเสียะ-หวุงเต่า"},
}  # fmt: skip

# index code -> (acronym printed in text, score unit, score range)
INDICES: dict[str, tuple[str, str, tuple[float, float]]] = {
    "PAR_INDEX": ("PAR Index", "%", (78.0, 93.0)),
    "PAPI": ("PAPI", "points", (39.0, 48.0)),
    "PCI": ("PCI", "points", (58.0, 74.0)),
    "SIPAS": ("SIPAS", "%", (76.0, 93.0)),
    "DTI": ("DTI", "points", (0.35, 0.75)),
}

# languages whose templates already say "index" around the acronym
INDEX_WORD_LANGS = frozenset({"id", "ar", "fr", "zh", "ru", "es", "de", "th", "pt", "it"})

INITIATIVE_CATEGORIES = (
    "one_stop_shop", "online_public_services", "digitisation", "staff_discipline_ethics",
)  # fmt: skip

# One dictionary per language. Keys: locale (babel), pct (percent format), points (unit word),
# title, facts (2 templates), pcts (3 templates), init, initiatives (one name per category in
# INITIATIVE_CATEGORIES), fillers, source, nav, related, footer, byline.
TEXT: dict[str, dict[str, object]] = {
    "en": {
        "locale": "en", "pct": "{v}%", "points": "points",
        "title": "{prov} reaches number {rank} on the {acr} {year}",
        "facts": (
            "In {year}, {prov} scored {score} on the {acr}, ranking {rank}/{total} among "
            "provinces and cities.",
            "{prov} climbed {places} places on the {acr} in {year} and now stands at number "
            "{rank} out of {total}.",
        ),
        "pcts": (
            "The provincial report says {pct} of administrative dossiers were received and "
            "returned online in {year}.",
            "A survey of residents found {pct} satisfied with how local offices served them.",
            "Some {pct} of applications were settled on or before the promised date.",
        ),
        "init": 'Officials also expanded the "{name}" scheme so that residents need fewer trips '
        "to government offices.",
        "initiatives": ("Mobile One-Stop Desk", "Paperless Tuesday", "Data Village",
                        "Courteous Clerk Pledge"),
        "fillers": (
            "Leaders of the provincial people's committee asked every department to publish "
            "its procedures and fees clearly.",
            "Several districts merged their reception desks this spring to shorten queues.",
            "Business associations welcomed the change but asked for faster land procedures.",
            "The home affairs department will review the results with each agency next month.",
            "Training courses on digital skills were held for commune officials in the autumn.",
        ),
        "source": "Source: {url}", "byline": "By {author}",
        "nav": ("Home", "Politics", "Economy", "Society", "Contact"),
        "related": "Read more", "footer": "Provincial news portal. All rights reserved.",
    },
    "vi": {
        "locale": "vi", "pct": "{v}%", "points": "điểm",
        "title": "{prov} xếp thứ {rank} về chỉ số {acr} năm {year}",
        "facts": (
            "Năm {year}, {prov} đạt {score} ở chỉ số {acr}, xếp thứ {rank}/{total} tỉnh, "
            "thành phố.",
            "Chỉ số {acr} năm {year} của {prov} tăng {places} bậc, đứng thứ {rank}/{total} "
            "cả nước.",
        ),
        "pcts": (
            "Theo báo cáo của tỉnh, {pct} hồ sơ hành chính được tiếp nhận và trả kết quả trực "
            "tuyến trong năm {year}.",
            "Khảo sát người dân cho thấy {pct} hài lòng với cách phục vụ của cơ quan địa phương.",
            "Khoảng {pct} hồ sơ được giải quyết đúng hoặc trước hạn.",
        ),
        "init": 'Tỉnh cũng mở rộng mô hình "{name}" để người dân bớt phải đi lại nhiều lần.',
        "initiatives": ("Một cửa lưu động", "Thứ Ba không giấy tờ", "Thôn số",
                        "Cán bộ tận tụy"),
        "fillers": (
            "Lãnh đạo Ủy ban nhân dân tỉnh yêu cầu các sở công khai rõ thủ tục và lệ phí.",
            "Nhiều huyện đã gộp bộ phận tiếp nhận trong mùa xuân để giảm thời gian chờ.",
            "Hiệp hội doanh nghiệp hoan nghênh thay đổi nhưng đề nghị đẩy nhanh thủ tục đất đai.",
            "Sở Nội vụ sẽ rà soát kết quả với từng cơ quan vào tháng tới.",
            "Các lớp tập huấn kỹ năng số đã được tổ chức cho cán bộ cấp xã vào mùa thu.",
        ),
        "source": "Nguồn: {url}", "byline": "Tác giả: {author}",
        "nav": ("Trang chủ", "Chính trị", "Kinh tế", "Xã hội", "Liên hệ"),
        "related": "Tin liên quan", "footer": "Cổng thông tin điện tử tỉnh. Giữ bản quyền.",
    },
    "id": {
        "locale": "id", "pct": "{v}%", "points": "poin",
        "title": "{prov} menempati peringkat {rank} indeks {acr} {year}",
        "facts": (
            "Pada tahun {year}, {prov} meraih skor {score} dalam indeks {acr} dan menempati "
            "peringkat ke-{rank} dari {total} provinsi.",
            "{prov} naik {places} peringkat dalam indeks {acr} {year} dan kini berada di "
            "posisi {rank} dari {total}.",
        ),
        "pcts": (
            "Laporan provinsi menyebutkan {pct} berkas administrasi diterima dan diselesaikan "
            "secara daring pada {year}.",
            "Survei warga menunjukkan {pct} merasa puas dengan pelayanan kantor setempat.",
            "Sekitar {pct} permohonan diselesaikan tepat waktu atau lebih cepat.",
        ),
        "init": 'Pemerintah daerah juga memperluas program "{name}" agar warga tidak perlu '
        "bolak-balik ke kantor.",
        "initiatives": ("Loket Keliling", "Selasa Tanpa Kertas", "Desa Data",
                        "Janji Pegawai Ramah"),
        "fillers": (
            "Pimpinan komite rakyat provinsi meminta setiap dinas mengumumkan prosedur dan "
            "biaya.",
            "Beberapa distrik menggabungkan loket pelayanan musim semi ini untuk memangkas "
            "antrean.",
            "Asosiasi pengusaha menyambut baik perubahan itu tetapi meminta urusan tanah "
            "dipercepat.",
            "Dinas dalam negeri akan meninjau hasilnya bersama setiap instansi bulan depan.",
            "Pelatihan keterampilan digital diadakan untuk pejabat desa pada musim gugur.",
        ),
        "source": "Sumber: {url}", "byline": "Oleh {author}",
        "nav": ("Beranda", "Politik", "Ekonomi", "Sosial", "Kontak"),
        "related": "Baca juga", "footer": "Portal berita provinsi. Hak cipta dilindungi.",
    },
    "nb": {
        "locale": "nb", "pct": "{v} prosent", "points": "poeng",
        "title": "{prov} er nummer {rank} på {acr} for {year}",
        "facts": (
            "I {year} fikk {prov} {score} på {acr}-målingen og ble nummer {rank} av {total} "
            "provinser og byer.",
            "{prov} klatret {places} plasser på {acr} i {year} og ligger nå på {rank}. plass "
            "av {total}.",
        ),
        "pcts": (
            "Ifølge provinsens rapport ble {pct} av sakene mottatt og besvart digitalt i {year}.",
            "En innbyggerundersøkelse viste at {pct} var fornøyd med de lokale kontorene.",
            "Omtrent {pct} av søknadene ble avgjort innen fristen.",
        ),
        "init": 'Myndighetene utvidet også ordningen "{name}" slik at folk slipper flere turer '
        "til kontorene.",
        "initiatives": ("Mobil servicedisk", "Papirløs tirsdag", "Datalandsby",
                        "Løftet om høflig betjening"),
        "fillers": (
            "Ledelsen i provinsens folkekomité ba alle etater publisere prosedyrer og gebyrer.",
            "Flere distrikter slo sammen skrankene i vår for å korte ned køene.",
            "Næringslivet ønsket endringen velkommen, men ba om raskere tomtesaker.",
            "Innenriksavdelingen skal gå gjennom resultatene med hver etat neste måned.",
            "Kurs i digitale ferdigheter ble holdt for kommunale tjenestemenn i høst.",
        ),
        "source": "Kilde: {url}", "byline": "Av {author}",
        "nav": ("Forsiden", "Politikk", "Økonomi", "Samfunn", "Kontakt"),
        "related": "Les også", "footer": "Provinsens nyhetsportal. Alle rettigheter reservert.",
    },
    "ar": {
        "locale": "ar", "pct": "{v}٪", "points": "نقطة",
        "title": "{prov} في المرتبة {rank} على مؤشر {acr} لعام {year}",
        "facts": (
            "في عام {year}، حصلت {prov} على {score} في مؤشر {acr}، واحتلت المرتبة {rank} من "
            "أصل {total} مقاطعة ومدينة.",
            "تقدمت {prov} {places} مراتب في مؤشر {acr} لعام {year} لتحتل المرتبة {rank} من "
            "أصل {total}.",
        ),
        "pcts": (
            "وبحسب تقرير المقاطعة، استُلمت {pct} من الملفات الإدارية وأُنجزت عبر الإنترنت في "
            "عام {year}.",
            "وأظهر استطلاع للسكان أن {pct} راضون عن خدمات المكاتب المحلية.",
            "وجرت تسوية نحو {pct} من الطلبات في الموعد المحدد أو قبله.",
        ),
        "init": 'ووسعت السلطات أيضا مبادرة "{name}" حتى لا يضطر السكان إلى التنقل مرات عديدة.',
        "initiatives": ("مكتب الشباك الواحد المتنقل", "ثلاثاء بلا ورق", "القرية الرقمية",
                        "تعهد الموظف اللطيف"),
        "fillers": (
            "وطلب قادة اللجنة الشعبية للمقاطعة من كل إدارة نشر إجراءاتها ورسومها بوضوح.",
            "ودمجت عدة مناطق مكاتب الاستقبال هذا الربيع لتقليص الطوابير.",
            "ورحبت جمعيات الأعمال بالتغيير لكنها طالبت بتسريع إجراءات الأراضي.",
            "وستراجع إدارة الشؤون الداخلية النتائج مع كل جهة في الشهر المقبل.",
            "ونُظمت دورات في المهارات الرقمية لموظفي البلديات في الخريف.",
        ),
        "source": "المصدر: {url}", "byline": "بقلم {author}",
        "nav": ("الرئيسية", "سياسة", "اقتصاد", "مجتمع", "اتصل بنا"),
        "related": "اقرأ أيضا", "footer": "بوابة أخبار المقاطعة. جميع الحقوق محفوظة.",
    },
    "fr": {
        "locale": "fr", "pct": "{v} %", "points": "points",
        "title": "{prov} au rang {rank} de l'indice {acr} {year}",
        "facts": (
            "En {year}, la province de {prov} a obtenu {score} à l'indice {acr} et se classe au "
            "rang {rank} sur {total}.",
            "{prov} gagne {places} places à l'indice {acr} {year} et occupe désormais le rang "
            "{rank} sur {total}.",
        ),
        "pcts": (
            "Selon le rapport provincial, {pct} des dossiers administratifs ont été reçus et "
            "traités en ligne en {year}.",
            "Une enquête auprès des habitants montre que {pct} sont satisfaits des guichets "
            "locaux.",
            "Environ {pct} des demandes ont été réglées dans les délais promis.",
        ),
        "init": 'Les autorités ont aussi étendu le dispositif "{name}" pour éviter aux habitants '
        "des déplacements répétés.",
        "initiatives": ("Guichet unique mobile", "Mardi sans papier", "Village des données",
                        "Charte du fonctionnaire aimable"),
        "fillers": (
            "La direction du comité populaire provincial a demandé à chaque service de publier "
            "ses procédures et ses frais.",
            "Plusieurs districts ont fusionné leurs guichets ce printemps pour réduire l'attente.",
            "Les associations d'entreprises saluent la réforme mais réclament des procédures "
            "foncières plus rapides.",
            "Le service de l'intérieur examinera les résultats avec chaque agence le mois "
            "prochain.",
            "Des formations aux compétences numériques ont été organisées pour les agents "
            "communaux cet automne.",
        ),
        "source": "Source : {url}", "byline": "Par {author}",
        "nav": ("Accueil", "Politique", "Économie", "Société", "Contact"),
        "related": "À lire aussi",
        "footer": "Portail d'information provincial. Tous droits réservés.",
    },
    "zh": {
        "locale": "zh", "pct": "{v}%", "points": "分",
        "title": "{prov}{year}年{acr}指数排名第{rank}位",
        "facts": (
            "{year}年，{prov}在{acr}指数中得分{score}，在{total}个省市中排名第{rank}位。",
            "{year}年{prov}的{acr}指数排名上升{places}位，位列第{rank}/{total}。",
        ),
        "pcts": (
            "据该省报告，{year}年有{pct}的行政档案实现网上受理和办结。",
            "居民调查显示，{pct}的受访者对当地办事机构的服务表示满意。",
            "约{pct}的申请按期或提前办结。",
        ),
        "init": "当局还推广了“{name}”模式，让居民少跑腿。",
        "initiatives": ("流动一站式窗口", "无纸化星期二", "数据村庄", "文明公务员承诺"),
        "fillers": (
            "省人民委员会领导要求各部门公开办事程序和收费标准。",
            "今年春天，多个县合并了接待窗口，以缩短排队时间。",
            "企业协会对这一变化表示欢迎，但希望加快土地手续办理。",
            "内务厅将于下月与各机构共同审查结果。",
            "秋季为乡镇干部举办了数字技能培训班。",
        ),
        "source": "来源：{url}", "byline": "作者：{author}",
        "nav": ("首页", "政治", "经济", "社会", "联系我们"),
        "related": "相关阅读", "footer": "省新闻门户网站 版权所有",
    },
    "ru": {
        "locale": "ru", "pct": "{v}%", "points": "балла",
        "title": "{prov} заняла {rank}-е место в индексе {acr} за {year} год",
        "facts": (
            "В {year} году провинция {prov} набрала {score} в индексе {acr} и заняла "
            "{rank}-е место из {total}.",
            "По индексу {acr} за {year} год {prov} поднялась на {places} позиций и занимает "
            "{rank}-е место из {total}.",
        ),
        "pcts": (
            "Согласно отчёту провинции, в {year} году {pct} административных дел были приняты "
            "и выданы онлайн.",
            "Опрос жителей показал, что {pct} довольны работой местных учреждений.",
            "Около {pct} заявлений были рассмотрены в срок или досрочно.",
        ),
        "init": "Власти также расширили программу «{name}», чтобы жителям не приходилось "
        "много раз ходить в учреждения.",
        "initiatives": ("Мобильное единое окно", "Вторник без бумаг", "Цифровая деревня",
                        "Обещание вежливого чиновника"),
        "fillers": (
            "Руководство провинциального народного комитета поручило всем ведомствам "
            "опубликовать процедуры и сборы.",
            "Этой весной несколько уездов объединили приёмные, чтобы сократить очереди.",
            "Деловые ассоциации приветствовали перемены, но попросили ускорить земельные "
            "процедуры.",
            "Департамент внутренних дел рассмотрит итоги с каждым ведомством в следующем месяце.",
            "Осенью для сотрудников общин прошли курсы цифровых навыков.",
        ),
        "source": "Источник: {url}", "byline": "Автор: {author}",
        "nav": ("Главная", "Политика", "Экономика", "Общество", "Контакты"),
        "related": "Читайте также", "footer": "Новостной портал провинции. Все права защищены.",
    },
    "es": {
        "locale": "es", "pct": "{v} %", "points": "puntos",
        "title": "{prov}, puesto {rank} en el índice {acr} {year}",
        "facts": (
            "En {year}, la provincia de {prov} obtuvo {score} en el índice {acr} y ocupó el "
            "puesto {rank} de {total}.",
            "{prov} subió {places} puestos en el índice {acr} de {year} y ahora ocupa el lugar "
            "{rank} de {total}.",
        ),
        "pcts": (
            "Según el informe provincial, el {pct} de los expedientes administrativos se "
            "recibió y resolvió en línea en {year}.",
            "Una encuesta vecinal halló que el {pct} está satisfecho con las oficinas locales.",
            "Cerca del {pct} de las solicitudes se resolvió dentro del plazo prometido.",
        ),
        "init": 'Las autoridades ampliaron además el programa "{name}" para ahorrar viajes a '
        "los vecinos.",
        "initiatives": ("Ventanilla única móvil", "Martes sin papel", "Aldea de datos",
                        "Compromiso del funcionario amable"),
        "fillers": (
            "La dirección del comité popular provincial pidió a cada departamento publicar "
            "sus trámites y tasas.",
            "Varios distritos unificaron sus ventanillas esta primavera para acortar las colas.",
            "Las asociaciones empresariales celebraron el cambio, pero piden agilizar los "
            "trámites de tierras.",
            "El departamento del interior revisará los resultados con cada organismo el mes "
            "próximo.",
            "En otoño se impartieron cursos de competencias digitales a funcionarios comunales.",
        ),
        "source": "Fuente: {url}", "byline": "Por {author}",
        "nav": ("Inicio", "Política", "Economía", "Sociedad", "Contacto"),
        "related": "Lea también", "footer": "Portal de noticias provincial. Todos los derechos "
        "reservados.",
    },
    "de": {
        "locale": "de", "pct": "{v} %", "points": "Punkte",
        "title": "{prov} auf Platz {rank} im {acr}-Index {year}",
        "facts": (
            "Im Jahr {year} erreichte die Provinz {prov} im {acr}-Index {score} und belegte "
            "Platz {rank} von {total}.",
            "{prov} verbesserte sich im {acr}-Index {year} um {places} Plätze auf Rang {rank} "
            "von {total}.",
        ),
        "pcts": (
            "Laut Provinzbericht wurden {year} {pct} der Verwaltungsakten online angenommen "
            "und erledigt.",
            "Eine Umfrage unter Einwohnern ergab, dass {pct} mit den örtlichen Ämtern zufrieden "
            "sind.",
            "Etwa {pct} der Anträge wurden fristgerecht oder früher bearbeitet.",
        ),
        "init": 'Die Behörden weiteten zudem das Modell "{name}" aus, damit Bürger seltener '
        "aufs Amt müssen.",
        "initiatives": ("Mobiler Bürgerschalter", "Papierloser Dienstag", "Datendorf",
                        "Versprechen des freundlichen Beamten"),
        "fillers": (
            "Die Spitze des Volkskomitees der Provinz forderte alle Behörden auf, Verfahren "
            "und Gebühren offenzulegen.",
            "Mehrere Bezirke legten im Frühjahr ihre Annahmestellen zusammen, um Wartezeiten "
            "zu verkürzen.",
            "Wirtschaftsverbände begrüßten den Schritt, verlangen aber schnellere Grundstücks"
            "verfahren.",
            "Das Innenressort will die Ergebnisse im nächsten Monat mit jeder Behörde "
            "besprechen.",
            "Im Herbst fanden Kurse zu digitalen Fähigkeiten für Gemeindebedienstete statt.",
        ),
        "source": "Quelle: {url}", "byline": "Von {author}",
        "nav": ("Startseite", "Politik", "Wirtschaft", "Gesellschaft", "Kontakt"),
        "related": "Mehr zum Thema", "footer": "Nachrichtenportal der Provinz. Alle Rechte "
        "vorbehalten.",
    },
    "ja": {
        "locale": "ja", "pct": "{v}%", "points": "点",
        "title": "{prov}、{year}年の{acr}で{rank}位",
        "facts": (
            "{year}年の{acr}で{prov}は{score}を獲得し、{total}の省・市の中で{rank}位となった。",
            "{prov}は{year}年の{acr}で順位を{places}位上げ、{total}中{rank}位となった。",
        ),
        "pcts": (
            "省の報告によると、{year}年は行政書類の{pct}がオンラインで受付・処理された。",
            "住民調査では、{pct}が地元窓口の対応に満足していると答えた。",
            "申請の約{pct}が期限内またはそれより早く処理された。",
        ),
        "init": "当局は住民の来庁回数を減らすため「{name}」の取り組みも拡大した。",
        "initiatives": ("移動ワンストップ窓口", "ペーパーレス火曜日", "データ村",
                        "親切な職員の誓い"),
        "fillers": (
            "省人民委員会の指導部は各部局に手続きと手数料を明確に公開するよう求めた。",
            "複数の県がこの春、受付窓口を統合して待ち時間を短縮した。",
            "経済団体は改革を歓迎しつつ、土地手続きの迅速化を求めた。",
            "内務局は来月、各機関と結果を検証する予定だ。",
            "秋には村の職員向けにデジタル技能の研修が開かれた。",
        ),
        "source": "出典：{url}", "byline": "記者：{author}",
        "nav": ("ホーム", "政治", "経済", "社会", "お問い合わせ"),
        "related": "関連記事", "footer": "省ニュースポータル 無断転載禁止",
    },
    "ko": {
        "locale": "ko", "pct": "{v}%", "points": "점",
        "title": "{prov}, {year}년 {acr} {rank}위",
        "facts": (
            "{year}년 {acr} 평가에서 {prov}은(는) {score}을(를) 기록하며 {total}개 성·시 중 "
            "{rank}위를 차지했다.",
            "{prov}은(는) {year}년 {acr} 순위가 {places}계단 올라 {total}개 중 {rank}위에 "
            "올랐다.",
        ),
        "pcts": (
            "성 보고서에 따르면 {year}년 행정 서류의 {pct}가 온라인으로 접수·처리됐다.",
            "주민 설문에서 {pct}가 지역 관공서의 서비스에 만족한다고 답했다.",
            "신청의 약 {pct}가 기한 내 또는 그보다 빨리 처리됐다.",
        ),
        "init": "당국은 주민들의 방문 횟수를 줄이기 위해 '{name}' 사업도 확대했다.",
        "initiatives": ("이동식 원스톱 창구", "종이 없는 화요일", "데이터 마을",
                        "친절 공무원 서약"),
        "fillers": (
            "성 인민위원회 지도부는 모든 부서에 절차와 수수료를 공개하라고 요구했다.",
            "여러 현이 올봄 접수 창구를 통합해 대기 시간을 줄였다.",
            "경제 단체들은 변화를 환영하면서도 토지 절차를 서둘러 달라고 요청했다.",
            "내무국은 다음 달 각 기관과 함께 결과를 점검할 예정이다.",
            "가을에는 읍면 공무원을 위한 디지털 역량 교육이 열렸다.",
        ),
        "source": "출처: {url}", "byline": "기자 {author}",
        "nav": ("홈", "정치", "경제", "사회", "문의"),
        "related": "관련 기사", "footer": "성 뉴스 포털. 무단 전재 금지.",
    },
    "th": {
        "locale": "th", "pct": "{v}%", "points": "คะแนน",
        "title": "{prov}อยู่อันดับที่ {rank} ในดัชนี {acr} ปี {year}",
        "facts": (
            "ในปี {year} {prov}ได้ {score} ในดัชนี {acr} อยู่อันดับที่ {rank} จาก {total} "
            "จังหวัดและเมือง",
            "{prov}ขยับขึ้น {places} อันดับในดัชนี {acr} ปี {year} และอยู่อันดับที่ {rank} "
            "จาก {total}",
        ),
        "pcts": (
            "รายงานของจังหวัดระบุว่าในปี {year} เอกสารราชการ {pct} ได้รับและดำเนินการทางออนไลน์",
            "ผลสำรวจประชาชนพบว่า {pct} พอใจกับบริการของสำนักงานท้องถิ่น",
            "คำร้องราว {pct} ได้รับการพิจารณาภายในกำหนดหรือเร็วกว่านั้น",
        ),
        "init": "เจ้าหน้าที่ยังขยายโครงการ \"{name}\" เพื่อให้ประชาชนไม่ต้องเดินทางหลายครั้ง",
        "initiatives": ("จุดบริการเบ็ดเสร็จเคลื่อนที่", "วันอังคารไร้กระดาษ", "หมู่บ้านข้อมูล",
                        "คำมั่นข้าราชการใจดี"),
        "fillers": (
            "ผู้นำคณะกรรมการประชาชนจังหวัดสั่งให้ทุกหน่วยงานเปิดเผยขั้นตอนและค่าธรรมเนียม",
            "หลายอำเภอรวมจุดรับเรื่องในฤดูใบไม้ผลิเพื่อลดเวลารอคอย",
            "สมาคมธุรกิจยินดีกับการเปลี่ยนแปลงแต่ขอให้เร่งขั้นตอนเรื่องที่ดิน",
            "กรมกิจการภายในจะทบทวนผลลัพธ์กับแต่ละหน่วยงานในเดือนหน้า",
            "มีการอบรมทักษะดิจิทัลให้เจ้าหน้าที่ตำบลในฤดูใบไม้ร่วง",
        ),
        "source": "ที่มา: {url}", "byline": "โดย {author}",
        "nav": ("หน้าแรก", "การเมือง", "เศรษฐกิจ", "สังคม", "ติดต่อ"),
        "related": "ข่าวที่เกี่ยวข้อง", "footer": "พอร์ทัลข่าวจังหวัด สงวนลิขสิทธิ์",
    },
    "pt": {
        "locale": "pt", "pct": "{v}%", "points": "pontos",
        "title": "{prov} em {rank}.º lugar no índice {acr} {year}",
        "facts": (
            "Em {year}, a província de {prov} obteve {score} no índice {acr} e ficou em "
            "{rank}.º lugar entre {total}.",
            "{prov} subiu {places} posições no índice {acr} de {year} e ocupa agora o {rank}.º "
            "lugar de {total}.",
        ),
        "pcts": (
            "Segundo o relatório provincial, {pct} dos processos administrativos foram "
            "recebidos e concluídos online em {year}.",
            "Um inquérito aos moradores revelou que {pct} estão satisfeitos com os balcões "
            "locais.",
            "Cerca de {pct} dos pedidos foram resolvidos dentro do prazo prometido.",
        ),
        "init": 'As autoridades alargaram também o programa "{name}" para poupar deslocações '
        "aos moradores.",
        "initiatives": ("Balcão único móvel", "Terça-feira sem papel", "Aldeia de dados",
                        "Compromisso do funcionário cordial"),
        "fillers": (
            "A direção do comité popular provincial pediu a cada departamento que publicasse "
            "procedimentos e taxas.",
            "Vários distritos juntaram os balcões de atendimento nesta primavera para encurtar "
            "filas.",
            "As associações empresariais saudaram a mudança, mas pedem processos de terras mais "
            "rápidos.",
            "O departamento do interior vai rever os resultados com cada organismo no próximo "
            "mês.",
            "No outono houve cursos de competências digitais para funcionários comunais.",
        ),
        "source": "Fonte: {url}", "byline": "Por {author}",
        "nav": ("Início", "Política", "Economia", "Sociedade", "Contacto"),
        "related": "Leia também", "footer": "Portal de notícias provincial. Todos os direitos "
        "reservados.",
    },
    "it": {
        "locale": "it", "pct": "{v}%", "points": "punti",
        "title": "{prov} al {rank}º posto nell'indice {acr} {year}",
        "facts": (
            "Nel {year} la provincia di {prov} ha ottenuto {score} nell'indice {acr}, "
            "classificandosi {rank}ª su {total}.",
            "{prov} è salita di {places} posizioni nell'indice {acr} {year} e ora è al posto "
            "{rank} su {total}.",
        ),
        "pcts": (
            "Secondo il rapporto provinciale, nel {year} il {pct} delle pratiche amministrative "
            "è stato ricevuto e chiuso online.",
            "Un sondaggio tra i residenti indica che il {pct} è soddisfatto degli sportelli "
            "locali.",
            "Circa il {pct} delle domande è stato evaso entro i termini promessi.",
        ),
        "init": 'Le autorità hanno inoltre esteso il progetto "{name}" per risparmiare viaggi '
        "ai cittadini.",
        "initiatives": ("Sportello unico mobile", "Martedì senza carta", "Villaggio dei dati",
                        "Impegno del funzionario cortese"),
        "fillers": (
            "I vertici del comitato popolare provinciale hanno chiesto a ogni ufficio di "
            "pubblicare procedure e tariffe.",
            "Diversi distretti hanno unito gli sportelli questa primavera per ridurre le code.",
            "Le associazioni di imprese accolgono la riforma ma chiedono pratiche fondiarie più "
            "rapide.",
            "Il dipartimento degli interni esaminerà i risultati con ogni ente il mese prossimo.",
            "In autunno si sono tenuti corsi di competenze digitali per i funzionari comunali.",
        ),
        "source": "Fonte: {url}", "byline": "Di {author}",
        "nav": ("Home", "Politica", "Economia", "Società", "Contatti"),
        "related": "Leggi anche", "footer": "Portale di notizie provinciale. Tutti i diritti "
        "riservati.",
    },
}  # fmt: skip

AUTHORS = (
    "Nguyen Thi Lan", "Tran Van Minh", "Le Hoang Anh", "Pham Thu Ha", "Vo Quoc Bao",
    "Dang Minh Chau", "Bui Thanh Son", "Do Ngoc Mai",
)  # fmt: skip
