"""The bundled demo site's articles and our own labels of their facts.

Every sentence here was written for newsintel's demo. The provinces and indexes are real; the
officials, quotes and figures are illustrative (the site's about page says so). Each label's
``evidence`` must be an exact substring of one paragraph: ``build_demo_site.py`` checks it.

Translations share ``original_url``: the pipeline should group them as one story.
"""

from __future__ import annotations

from typing import Any

PHU_YEN_URL = (
    "https://baophuyen.vn/cai-cach-hanh-chinh/202505/phu-yen-len-14-bac-par-index-2024-d1a7c3e/"
)
QUANG_NINH_URL = "https://baoquangninh.vn/quang-ninh-giu-vung-ngoi-dau-pci-2023-3287014.html"
BINH_DUONG_URL = (
    "https://baobinhduong.vn/sipas-2023-nguoi-dan-hai-long-hon-voi-dich-vu-cong-a318842.html"
)


def fact(**values: Any) -> dict[str, Any]:
    """Return an index-fact label with every field present (unknown is ``None``)."""
    keys = (
        "index",
        "subject",
        "year",
        "score",
        "score_unit",
        "rank",
        "rank_total",
        "rank_change",
        "comparison_label",
        "comparison_value",
        "evidence",
    )
    unknown = set(values) - set(keys)
    if unknown:
        raise ValueError(f"unknown fact keys: {sorted(unknown)}")
    return {key: values.get(key) for key in keys}


def pct(value: float, evidence: str, **values: Any) -> dict[str, Any]:
    """Return a percentage label; ``literal`` is the number as the page writes it."""
    return {
        "value": value,
        "literal": values.get("literal"),
        "subject": values.get("subject"),
        "comparison_value": values.get("comparison_value"),
        "evidence": evidence,
    }


ARTICLES: list[dict[str, Any]] = [
    # ---------------------------------------------------------------- Phu Yen, three languages
    {
        "slug": "phu-yen-tang-14-bac-chi-so-cai-cach-hanh-chinh-2024",
        "language": "vi",
        "published": "2025-05-12T08:30:00+07:00",
        "author": "Minh Châu",
        "province": "Phu Yen",
        "category": "reform",
        "title": "Phú Yên tăng 14 bậc trên bảng xếp hạng cải cách hành chính năm 2024",
        "lead": "Sau nhiều năm ở nhóm cuối, tỉnh ven biển Nam Trung Bộ đã vươn lên nửa trên "
        "của bảng xếp hạng nhờ tập trung vào dịch vụ công trực tuyến.",
        "paragraphs": [
            "Theo kết quả do Bộ Nội vụ công bố, Chỉ số cải cách hành chính (PAR Index) năm 2024 "
            "của tỉnh Phú Yên đạt 87,45%, xếp hạng 38/63 tỉnh, thành phố, tăng 14 bậc so với "
            "năm 2023.",
            "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) năm 2024 của tỉnh đạt 83,6%, cao "
            "hơn mức "
            "trung bình cả nước (82,66%).",
            "Ông Lê Văn Khải, Giám đốc Sở Nội vụ tỉnh Phú Yên, cho biết kết quả này đến từ việc "
            "giao chỉ tiêu cụ thể cho từng sở, ngành và kiểm tra đột xuất các bộ phận tiếp nhận "
            "hồ sơ.",
            'Mô hình "một cửa liên thông" hiện được duy trì ở tất cả 9 huyện, thị xã, thành '
            "phố; tỷ lệ hồ sơ được giải quyết trực tuyến toàn trình đạt 62,3%.",
            "Trong năm 2025, tỉnh tiếp tục đẩy mạnh Đề án 06 về dữ liệu dân cư và yêu cầu người "
            "đứng đầu các đơn vị chịu trách nhiệm nếu chỉ số thành phần giảm điểm.",
        ],
        "original_url": PHU_YEN_URL,
        "index_facts": [
            fact(
                index="PAR_INDEX",
                subject="Phu Yen",
                year=2024,
                score=87.45,
                score_unit="%",
                rank=38,
                rank_total=63,
                rank_change=14,
                evidence="Chỉ số cải cách hành chính (PAR Index) năm 2024 của tỉnh Phú Yên đạt "
                "87,45%, xếp hạng 38/63 tỉnh, thành phố, tăng 14 bậc",
            ),
            fact(
                index="SIPAS",
                subject="Phu Yen",
                year=2024,
                score=83.6,
                score_unit="%",
                comparison_label="national average",
                comparison_value=82.66,
                evidence="Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) năm 2024 của tỉnh đạt "
                "83,6%",
            ),
        ],
        "percentages": [
            pct(87.45, "tỉnh Phú Yên đạt 87,45%", literal="87,45%", subject="Phu Yen"),
            pct(
                83.6,
                "(SIPAS) năm 2024 của tỉnh đạt 83,6%, cao hơn mức trung bình cả nước (82,66%)",
                literal="83,6%",
                subject="Phu Yen",
                comparison_value=82.66,
            ),
            pct(62.3, "giải quyết trực tuyến toàn trình đạt 62,3%", literal="62,3%"),
        ],
        "initiatives": ["một cửa liên thông", "Đề án 06"],
    },
    {
        "slug": "phu-yen-climbs-14-places-in-par-index-2024",
        "language": "en",
        "published": "2025-05-13T10:00:00+07:00",
        "author": "Reform Wire staff",
        "province": "Phu Yen",
        "category": "reform",
        "title": "Phu Yen climbs 14 places in the 2024 PAR Index",
        "lead": "The south-central coastal province has left the bottom group of the national "
        "reform ranking after years of trailing behind.",
        "paragraphs": [
            "Phu Yen's Public Administration Reform Index (PAR Index) for 2024 reached 87.45%, "
            "placing the province 38/63 nationwide, up 14 places compared with 2023, according to "
            "results released by the Ministry of Home Affairs.",
            "The province's Satisfaction Index of Public Administrative Services (SIPAS) for 2024 "
            "stood at "
            "83.6%, above the national average (82.66%).",
            "Le Van Khai, Director of the Phu Yen Department of Home Affairs, said every "
            "department had been given concrete targets and that reception desks were now "
            "inspected without prior notice.",
            'The "inter-connected one-stop shop" model now runs in all nine districts, towns '
            "and cities, and 62.3% of applications are handled fully online from submission to "
            "result.",
            "In 2025 the province will push ahead with Project 06 on population data and hold "
            "heads of agencies personally accountable whenever a component score falls.",
        ],
        "original_url": PHU_YEN_URL,
        "index_facts": [
            fact(
                index="PAR_INDEX",
                subject="Phu Yen",
                year=2024,
                score=87.45,
                score_unit="%",
                rank=38,
                rank_total=63,
                rank_change=14,
                evidence="Phu Yen's Public Administration Reform Index (PAR Index) for 2024 "
                "reached 87.45%, placing the province 38/63 nationwide, up 14 places",
            ),
            fact(
                index="SIPAS",
                subject="Phu Yen",
                year=2024,
                score=83.6,
                score_unit="%",
                comparison_label="national average",
                comparison_value=82.66,
                evidence="Satisfaction Index of Public Administrative Services (SIPAS) for 2024 "
                "stood at "
                "83.6%",
            ),
        ],
        "percentages": [
            pct(87.45, "for 2024 reached 87.45%", literal="87.45%", subject="Phu Yen"),
            pct(
                83.6,
                "(SIPAS) for 2024 stood at 83.6%, above the national average (82.66%)",
                literal="83.6%",
                subject="Phu Yen",
                comparison_value=82.66,
            ),
            pct(62.3, "62.3% of applications are handled fully online", literal="62.3%"),
        ],
        "initiatives": ["inter-connected one-stop shop", "Project 06"],
    },
    {
        "slug": "phu-yen-par-index-2024-ar",
        "language": "ar",
        "published": "2025-05-13T15:20:00+07:00",
        "author": "فريق التحرير",
        "province": "Phu Yen",
        "category": "reform",
        "title": "فو ين تتقدم 14 مركزًا في مؤشر إصلاح الإدارة العامة لعام 2024",
        "lead": "غادرت المقاطعة الساحلية المجموعة الأخيرة في الترتيب الوطني بعد سنوات من التأخر.",
        "paragraphs": [
            "وفقًا للنتائج التي أعلنتها وزارة الداخلية، بلغ مؤشر PAR لمقاطعة فو ين لعام 2024 "
            "نسبة 87.45٪، لتحتل المرتبة 38/63 على مستوى البلاد، بتقدم 14 مركزًا مقارنة بعام "
            "2023.",
            "وسجل مؤشر رضا المواطنين عن الخدمات الإدارية (SIPAS) في المقاطعة لعام 2024 ٨٣٫٦٪، وهو "
            "أعلى "
            "من المتوسط الوطني (٨٢٫٦٦٪).",
            "وأوضح السيد لي فان خاي، مدير إدارة الشؤون الداخلية في المقاطعة، أن كل إدارة "
            "حصلت على أهداف محددة وأن مكاتب الاستقبال تخضع الآن لتفتيش مفاجئ.",
            'ويعمل نموذج "الشباك الواحد المترابط" في جميع الوحدات الإدارية التسع على مستوى '
            "المقاطعة، فيما تتم معالجة ٦٢٫٣٪ من الطلبات إلكترونيًا بالكامل.",
            "وفي عام 2025 ستواصل المقاطعة تنفيذ المشروع 06 الخاص ببيانات السكان، وستحمّل "
            "رؤساء الجهات المسؤولية عند تراجع أي مؤشر فرعي.",
        ],
        "original_url": PHU_YEN_URL,
        "index_facts": [
            fact(
                index="PAR_INDEX",
                subject="Phu Yen",
                year=2024,
                score=87.45,
                score_unit="%",
                rank=38,
                rank_total=63,
                rank_change=14,
                evidence="بلغ مؤشر PAR لمقاطعة فو ين لعام 2024 نسبة 87.45٪، لتحتل المرتبة "
                "38/63 على مستوى البلاد، بتقدم 14 مركزًا",
            ),
            fact(
                index="SIPAS",
                subject="Phu Yen",
                year=2024,
                score=83.6,
                score_unit="%",
                comparison_label="national average",
                comparison_value=82.66,
                evidence="(SIPAS) في المقاطعة لعام 2024 ٨٣٫٦٪",
            ),
        ],
        "percentages": [
            pct(87.45, "نسبة 87.45٪", literal="87.45٪", subject="Phu Yen"),
            pct(
                83.6,
                "(SIPAS) في المقاطعة لعام 2024 ٨٣٫٦٪، وهو أعلى من المتوسط الوطني (٨٢٫٦٦٪)",
                literal="٨٣٫٦٪",
                subject="Phu Yen",
                comparison_value=82.66,
            ),
            pct(62.3, "معالجة ٦٢٫٣٪ من الطلبات", literal="٦٢٫٣٪"),
        ],
        "initiatives": ["الشباك الواحد المترابط", "المشروع 06"],
    },
    # ---------------------------------------------------------------- Quang Ninh PCI, id + fr
    {
        "slug": "quang-ninh-pertahankan-peringkat-pertama-pci-2023",
        "language": "id",
        "published": "2024-05-10T09:15:00+07:00",
        "author": "Redaksi",
        "province": "Quang Ninh",
        "category": "business",
        "title": "Quang Ninh kembali memuncaki Indeks Daya Saing Provinsi 2023",
        "lead": "Provinsi di timur laut Vietnam itu mempertahankan posisi teratas berkat "
        "layanan perizinan yang cepat bagi pelaku usaha.",
        "paragraphs": [
            "Dalam Indeks Daya Saing Provinsi (PCI) 2023, Quang Ninh meraih 73,02 poin dan "
            "menempati peringkat 1/63, posisi teratas yang diraihnya untuk ketujuh kalinya "
            "berturut-turut.",
            "Menurut Wakil Ketua Komite Rakyat Provinsi, Pham Thu Ha, sebanyak 98,6% berkas "
            "perizinan usaha kini diterima secara daring, naik dari 91,2% pada tahun sebelumnya.",
            'Pusat Layanan Administrasi Publik provinsi berfungsi sebagai "loket satu pintu" '
            "bagi semua departemen, sehingga pengusaha cukup datang ke satu tempat.",
            'Provinsi juga meluncurkan program "Kafe Bisnis" bulanan, tempat para pemimpin '
            "provinsi mendengarkan keluhan investor secara langsung dan menjawabnya dalam "
            "waktu tujuh hari kerja.",
        ],
        "original_url": QUANG_NINH_URL,
        "index_facts": [
            fact(
                index="PCI",
                subject="Quang Ninh",
                year=2023,
                score=73.02,
                score_unit="points",
                rank=1,
                rank_total=63,
                evidence="Dalam Indeks Daya Saing Provinsi (PCI) 2023, Quang Ninh meraih 73,02 "
                "poin dan menempati peringkat 1/63",
            ),
        ],
        "percentages": [
            pct(98.6, "sebanyak 98,6% berkas perizinan usaha", literal="98,6%"),
            pct(91.2, "naik dari 91,2% pada tahun sebelumnya", literal="91,2%"),
        ],
        "initiatives": ["loket satu pintu", "Kafe Bisnis"],
    },
    {
        "slug": "quang-ninh-conserve-la-premiere-place-du-pci-2023",
        "language": "fr",
        "published": "2024-05-11T11:40:00+07:00",
        "author": "La rédaction",
        "province": "Quang Ninh",
        "category": "business",
        "title": "Quang Ninh reste en tête de l'indice de compétitivité provinciale 2023",
        "lead": "La province du nord-est conserve la première place grâce à des démarches "
        "rapides pour les entreprises.",
        "paragraphs": [
            "Dans l'indice de compétitivité provinciale (PCI) 2023, Quang Ninh a obtenu 73,02 "
            "points et se classe 1/63, une première place décrochée pour la septième fois "
            "d'affilée.",
            "Selon Pham Thu Ha, vice-présidente du Comité populaire provincial, 98,6 % des "
            "dossiers de licences commerciales sont désormais déposés en ligne, contre 91,2 % "
            "l'année précédente.",
            "Le Centre provincial de services de l'administration publique joue le rôle de "
            "\"guichet unique\" pour tous les services, si bien que les chefs d'entreprise n'ont "
            "plus qu'une seule adresse.",
            'La province organise aussi chaque mois un "Café des entreprises" où les '
            "dirigeants provinciaux écoutent les investisseurs et s'engagent à répondre en sept "
            "jours ouvrables.",
        ],
        "original_url": QUANG_NINH_URL,
        "index_facts": [
            fact(
                index="PCI",
                subject="Quang Ninh",
                year=2023,
                score=73.02,
                score_unit="points",
                rank=1,
                rank_total=63,
                evidence="Dans l'indice de compétitivité provinciale (PCI) 2023, Quang Ninh a "
                "obtenu 73,02 points et se classe 1/63",
            ),
        ],
        "percentages": [
            pct(98.6, "98,6 % des dossiers de licences commerciales", literal="98,6 %"),
            pct(91.2, "contre 91,2 % l'année précédente", literal="91,2 %"),
        ],
        "initiatives": ["guichet unique", "Café des entreprises"],
    },
    # ---------------------------------------------------------------- Nghe An district, nb
    {
        "slug": "yen-thanh-distriktet-klatrer-i-par-indeksen",
        "language": "nb",
        "published": "2024-03-18T14:00:00+07:00",
        "author": "Nyhetsdesken",
        "province": "Nghe An",
        "category": "reform",
        "title": "Yen Thanh-distriktet klatrer på provinsens reformrangering",
        "lead": "Et distrikt i Nghe An har gjort digitale søknader til normalen på under to år.",
        "paragraphs": [
            "I 2023 ble Yen Thanh nummer 4 av 21 distriktsenheter i Nghe An sin "
            "PAR-indeks, opp 5 plasser fra året før.",
            "Distriktsleder Hoang Van Phuc, leder av distriktets folkekomité, opplyser at 91,7 "
            "prosent av alle søknader nå leveres digitalt, og at 99,2 % av sakene blir løst før "
            "fristen.",
            "Distriktets ett-steds-kontor har fått nye skranker og en kø-automat, og hver fredag "
            'holder ledelsen "Fredag med innbyggerne", der folk kan ta opp saker direkte med '
            "distriktsledelsen.",
            "Tjenestemenn som får gjentatte klager, flyttes til andre oppgaver, og resultatene i "
            "reformarbeidet teller når ledere vurderes ved årets slutt.",
        ],
        "original_url": "https://baonghean.vn/yen-thanh-but-pha-cai-cach-hanh-chinh-10269541.html",
        "index_facts": [
            fact(
                index="PAR_INDEX",
                subject="Yen Thanh",
                year=2023,
                rank=4,
                rank_total=21,
                rank_change=5,
                evidence="I 2023 ble Yen Thanh nummer 4 av 21 distriktsenheter i "
                "Nghe An sin PAR-indeks, opp 5 plasser",
            ),
        ],
        "percentages": [
            pct(91.7, "91,7 prosent av alle søknader", literal="91,7 prosent", subject="Yen Thanh"),
            pct(99.2, "99,2 % av sakene blir løst før fristen", literal="99,2 %"),
        ],
        "initiatives": ["ett-steds-kontor", "Fredag med innbyggerne"],
    },
    # ---------------------------------------------------------------- Hoi An, several years
    {
        "slug": "hoi-an-tops-quang-nam-reform-ranking-again",
        "language": "en",
        "published": "2024-04-02T07:45:00+07:00",
        "author": "Thu Trang",
        "province": "Quang Nam",
        "category": "reform",
        "title": "Hoi An tops Quang Nam's district reform ranking for a second year",
        "lead": "The old trading town has turned its reputation for hospitality into fast "
        "paperwork as well.",
        "paragraphs": [
            "In Quang Nam's ranking of its 18 district-level units, Hoi An came 2nd in 2021 "
            "and 1st in both 2022 and 2023 on the provincial PAR Index.",
            "The city's online filing rate reached 78.4% last year, well above the provincial "
            "average (69.1%).",
            "Nguyen Thi Lan Huong, Chairwoman of the Hoi An City People's Committee, credited a "
            '"green counter" initiative that lets elderly residents and people with '
            "disabilities skip the queue.",
            "Officials in every ward now sign yearly commitments on processing times, and the "
            "results are published on the city's web portal.",
        ],
        "original_url": "https://baoquangnam.vn/hoi-an-dan-dau-chi-so-cai-cach-hanh-chinh-3131975.html",
        "index_facts": [
            fact(
                index="PAR_INDEX",
                subject="Hoi An",
                year=year,
                rank=rank,
                rank_total=18,
                evidence="In Quang Nam's ranking of its 18 district-level units, Hoi An came 2nd "
                "in 2021 and 1st in both 2022 and 2023 on the provincial PAR Index",
            )
            for year, rank in ((2021, 2), (2022, 1), (2023, 1))
        ],
        "percentages": [
            pct(
                78.4,
                "online filing rate reached 78.4% last year, well above the provincial average "
                "(69.1%)",
                literal="78.4%",
                subject="Hoi An",
                comparison_value=69.1,
            ),
        ],
        "initiatives": ["green counter", "yearly commitments on processing times"],
    },
    # ---------------------------------------------------------------- Binh Duong SIPAS, en + id
    {
        "slug": "binh-duong-residents-more-satisfied-sipas-2023",
        "language": "en",
        "published": "2024-04-20T09:00:00+07:00",
        "author": "Reform Wire staff",
        "province": "Binh Duong",
        "category": "services",
        "title": "Binh Duong residents more satisfied with public services, SIPAS 2023 shows",
        "lead": "The industrial province south of the Central Highlands now ranks in the "
        "top fifth nationwide.",
        "paragraphs": [
            "Binh Duong's SIPAS for 2023 reached 84.37%, ranking 12/63 and above the national "
            "average (80.08%).",
            "On the 2023 PAR Index the province scored 89.12%, which placed it 9/63 nationally.",
            "Tran Minh Duc, Deputy Director of the Binh Duong Department of Home Affairs, said "
            "95.2% of surveyed residents found the staff at reception desks polite and helpful.",
            'The province attributes the gains to its "Smart Binh Duong" programme, which '
            "connects ward offices to a shared document system and sends residents text "
            "messages when their papers are ready.",
        ],
        "original_url": BINH_DUONG_URL,
        "index_facts": [
            fact(
                index="SIPAS",
                subject="Binh Duong",
                year=2023,
                score=84.37,
                score_unit="%",
                rank=12,
                rank_total=63,
                comparison_label="national average",
                comparison_value=80.08,
                evidence="Binh Duong's SIPAS for 2023 reached 84.37%, ranking 12/63",
            ),
            fact(
                index="PAR_INDEX",
                subject="Binh Duong",
                year=2023,
                score=89.12,
                score_unit="%",
                rank=9,
                rank_total=63,
                evidence="On the 2023 PAR Index the province scored 89.12%, which placed it 9/63",
            ),
        ],
        "percentages": [
            pct(
                84.37,
                "reached 84.37%, ranking 12/63 and above the national average (80.08%)",
                literal="84.37%",
                subject="Binh Duong",
                comparison_value=80.08,
            ),
            pct(89.12, "the province scored 89.12%", literal="89.12%", subject="Binh Duong"),
            pct(95.2, "95.2% of surveyed residents", literal="95.2%"),
        ],
        "initiatives": ["Smart Binh Duong"],
    },
    {
        "slug": "warga-binh-duong-makin-puas-sipas-2023",
        "language": "id",
        "published": "2024-04-21T13:30:00+07:00",
        "author": "Redaksi",
        "province": "Binh Duong",
        "category": "services",
        "title": "Warga Binh Duong makin puas dengan layanan publik menurut SIPAS 2023",
        "lead": "Provinsi industri itu kini berada di kelompok seperlima teratas secara nasional.",
        "paragraphs": [
            "SIPAS Binh Duong untuk tahun 2023 mencapai 84,37%, menempati peringkat 12/63 dan "
            "berada di atas rata-rata nasional (80,08%).",
            "Pada Indeks PAR 2023, provinsi ini memperoleh 89,12% dan berada di "
            "peringkat 9/63 secara nasional.",
            "Tran Minh Duc, Wakil Direktur Dinas Dalam Negeri Binh Duong, mengatakan 95,2% warga "
            "yang disurvei menilai petugas loket sopan dan membantu.",
            'Provinsi ini menyebut program "Binh Duong Cerdas" sebagai kunci: kantor kelurahan '
            "terhubung ke satu sistem dokumen bersama dan warga menerima pesan singkat saat "
            "berkas mereka selesai.",
        ],
        "original_url": BINH_DUONG_URL,
        "index_facts": [
            fact(
                index="SIPAS",
                subject="Binh Duong",
                year=2023,
                score=84.37,
                score_unit="%",
                rank=12,
                rank_total=63,
                comparison_label="national average",
                comparison_value=80.08,
                evidence="SIPAS Binh Duong untuk tahun 2023 mencapai 84,37%, menempati peringkat "
                "12/63",
            ),
            fact(
                index="PAR_INDEX",
                subject="Binh Duong",
                year=2023,
                score=89.12,
                score_unit="%",
                rank=9,
                rank_total=63,
                evidence="Pada Indeks PAR 2023, provinsi ini memperoleh 89,12% dan "
                "berada di peringkat 9/63",
            ),
        ],
        "percentages": [
            pct(
                84.37,
                "mencapai 84,37%, menempati peringkat 12/63 dan berada di atas rata-rata "
                "nasional (80,08%)",
                literal="84,37%",
                subject="Binh Duong",
                comparison_value=80.08,
            ),
            pct(89.12, "memperoleh 89,12%", literal="89,12%", subject="Binh Duong"),
            pct(95.2, "95,2% warga yang disurvei", literal="95,2%"),
        ],
        "initiatives": ["Binh Duong Cerdas"],
    },
    # ---------------------------------------------------------------- Hanoi, Project 06, vi
    {
        "slug": "ha-noi-so-hoa-ho-so-de-an-06",
        "language": "vi",
        "published": "2024-07-05T16:10:00+07:00",
        "author": "Quang Huy",
        "province": "Hanoi",
        "category": "digital",
        "title": "Hà Nội số hóa phần lớn hồ sơ hành chính nhờ Đề án 06",
        "lead": "Thủ đô đặt mục tiêu để người dân không phải nộp lại giấy tờ mà cơ quan nhà "
        "nước đã có.",
        "paragraphs": [
            "Chỉ số PAR Index năm 2023 của thành phố Hà Nội đạt 89,85%, xếp thứ 8/63, tăng 3 "
            "bậc so với năm trước.",
            "Đến hết tháng 6/2024, thành phố đã số hóa 92,6% hồ sơ thủ tục hành chính còn hiệu "
            "lực, trong khi mục tiêu đặt ra cho cả năm là 90%.",
            "Bà Đỗ Thị Hạnh, Phó Chủ tịch UBND thành phố, đề nghị các quận, huyện triển khai "
            'sâu rộng Đề án 06 và mô hình "Ngày thứ Bảy vì dân" tại bộ phận một cửa.',
            "Các phường cũng được yêu cầu công khai thời gian xử lý từng loại hồ sơ trên cổng "
            "thông tin để người dân dễ dàng theo dõi.",
        ],
        "original_url": "https://hanoimoi.vn/ha-noi-day-manh-so-hoa-ho-so-thu-tuc-hanh-chinh-672154.html",
        "index_facts": [
            fact(
                index="PAR_INDEX",
                subject="Hanoi",
                year=2023,
                score=89.85,
                score_unit="%",
                rank=8,
                rank_total=63,
                rank_change=3,
                evidence="Chỉ số PAR Index năm 2023 của thành phố Hà Nội đạt 89,85%, xếp thứ "
                "8/63, tăng 3 bậc",
            ),
        ],
        "percentages": [
            pct(89.85, "Hà Nội đạt 89,85%", literal="89,85%", subject="Hanoi"),
            pct(92.6, "đã số hóa 92,6% hồ sơ", literal="92,6%", subject="Hanoi"),
            pct(90, "mục tiêu đặt ra cho cả năm là 90%", literal="90%", subject="Hanoi"),
        ],
        "initiatives": ["Đề án 06", "Ngày thứ Bảy vì dân", "một cửa"],
    },
    # ---------------------------------------------------------------- Dong Nai PAPI, en
    {
        "slug": "dong-nai-slips-in-papi-2023",
        "language": "en",
        "published": "2024-04-25T08:20:00+07:00",
        "author": "Bao An",
        "province": "Dong Nai",
        "category": "governance",
        "title": "Dong Nai slips five places in governance survey",
        "lead": "Provincial leaders ordered a review of how complaints are handled after the "
        "2023 PAPI results came out.",
        "paragraphs": [
            "Dong Nai's PAPI score in 2023 was 42.86 points, ranking 27/63, down 5 places from "
            "2022.",
            "Only 73.5% of respondents in the province said they knew where to send a complaint "
            "about a public official, one of the lowest shares in the south-east.",
            "Vo Tan Loc, Secretary of the Provincial Party Committee, asked every district to "
            "hold quarterly dialogues with residents and to publish the answers.",
            "The province will also launch its own District and Department Competitiveness "
            "Index (DDCI) survey so that businesses can grade each agency.",
        ],
        "original_url": "https://baodongnai.com.vn/chinh-tri/202404/papi-2023-dong-nai-giam-5-bac-3172541/",
        "index_facts": [
            fact(
                index="PAPI",
                subject="Dong Nai",
                year=2023,
                score=42.86,
                score_unit="points",
                rank=27,
                rank_total=63,
                rank_change=-5,
                evidence="Dong Nai's PAPI score in 2023 was 42.86 points, ranking 27/63, down 5 "
                "places",
            ),
        ],
        "percentages": [
            pct(73.5, "Only 73.5% of respondents", literal="73.5%", subject="Dong Nai"),
        ],
        "initiatives": ["quarterly dialogues with residents", "DDCI survey"],
    },
    # ---------------------------------------------------------------- Hue DTI, zh
    {
        "slug": "hue-dti-2023-zh",
        "language": "zh",
        "published": "2024-06-14T10:30:00+07:00",
        "author": "编辑部",
        "province": "Thua Thien Hue",
        "category": "digital",
        "title": "承天顺化省数字化转型指数排名上升",
        "lead": "该省的智慧城市应用已成为居民办理手续的主要渠道。",
        "paragraphs": [
            "2023年承天顺化省的数字化转型指数（DTI）位列全国第9/63名，比2022年上升3位。",
            "全省在线公共服务的办理率达到76.5%，高于上一年的61.8%。",
            '省人民委员会副主席阮清平表示，"Hue-S"智慧城市应用已有数十万用户，'
            "居民可以通过手机提交申请并查询办理进度。",
            '省里还要求各部门在"一站式"窗口公开每项手续的办理时限，并每月通报延误情况。',
            "据统计，2023年全省通过网上提交的申请超过一百二十万份，平均办理时间比2020年缩短了"
            "将近一半。",
            "省内务厅厅长黎文雄说，各县、市的数字化工作将纳入年度考核，排名靠后的单位负责人须向"
            "省人民委员会作出书面说明。",
            "今年，该省计划把全部村级服务点接入统一的行政手续信息系统，并为老年人提供上门帮办服务。",
        ],
        "original_url": "https://baothuathienhue.vn/chinh-tri/chi-so-chuyen-doi-so-dti-2023-140233.html",
        "index_facts": [
            fact(
                index="DTI",
                subject="Thua Thien Hue",
                year=2023,
                rank=9,
                rank_total=63,
                rank_change=3,
                evidence="2023年承天顺化省的数字化转型指数（DTI）位列全国第9/63名，比2022年上升3位",
            ),
        ],
        "percentages": [
            pct(76.5, "办理率达到76.5%", literal="76.5%", subject="Thua Thien Hue"),
            pct(61.8, "上一年的61.8%", literal="61.8%", subject="Thua Thien Hue"),
        ],
        "initiatives": ["Hue-S", "一站式"],
    },
    # ---------------------------------------------------------------- Hai Phong PAR, nb
    {
        "slug": "hai-phong-topper-par-indeksen-2023",
        "language": "nb",
        "published": "2024-04-30T12:00:00+07:00",
        "author": "Nyhetsdesken",
        "province": "Hai Phong",
        "category": "reform",
        "title": "Hai Phong topper den nasjonale reformindeksen",
        "lead": "Havnebyen i nord ligger foran alle andre provinser og byer i den årlige målingen.",
        "paragraphs": [
            "Hai Phong oppnådde 92,15 prosent i PAR-indeksen for 2023 og ble nummer 1 "
            "av 63 provinser og byer.",
            "Byens tilfredshetsindeks SIPAS for 2023 endte på 86,4 %, over landsgjennomsnittet "
            "(80,08 %).",
            'Nestleder i byens folkekomité, Le Anh Quan, sier at modellen "digitalt '
            'ett-steds-kontor" har kuttet ventetiden ved skrankene kraftig.',
            "Byen har også slått sammen flere kontorer i distriktene og lovet at ingen innbygger "
            "skal måtte levere samme dokument to ganger.",
        ],
        "original_url": "https://baohaiphong.vn/hai-phong-dan-dau-par-index-2023-468211.html",
        "index_facts": [
            fact(
                index="PAR_INDEX",
                subject="Hai Phong",
                year=2023,
                score=92.15,
                score_unit="%",
                rank=1,
                rank_total=63,
                evidence="Hai Phong oppnådde 92,15 prosent i PAR-indeksen for 2023 og ble "
                "nummer 1 av 63",
            ),
            fact(
                index="SIPAS",
                subject="Hai Phong",
                year=2023,
                score=86.4,
                score_unit="%",
                comparison_label="national average",
                comparison_value=80.08,
                evidence="Byens tilfredshetsindeks SIPAS for 2023 endte på 86,4 %",
            ),
        ],
        "percentages": [
            pct(92.15, "oppnådde 92,15 prosent", literal="92,15 prosent", subject="Hai Phong"),
            pct(
                86.4,
                "SIPAS for 2023 endte på 86,4 %, over landsgjennomsnittet (80,08 %)",
                literal="86,4 %",
                subject="Hai Phong",
                comparison_value=80.08,
            ),
        ],
        "initiatives": ["digitalt ett-steds-kontor"],
    },
    # ---------------------------------------------------------------- Thanh Hoa PAPI, ar
    {
        "slug": "thanh-hoa-papi-2023-ar",
        "language": "ar",
        "published": "2024-05-03T09:45:00+07:00",
        "author": "فريق التحرير",
        "province": "Thanh Hoa",
        "category": "governance",
        "title": "ثانه هوا تتقدم في مؤشر الحوكمة والإدارة العامة",
        "lead": "تحسنت نتائج المقاطعة في الشفافية ومشاركة المواطنين.",
        "paragraphs": [
            "حصلت ثانه هوا على 44.1 نقطة في مؤشر PAPI لعام 2023، واحتلت المرتبة 15/63، "
            "بتقدم 6 مراكز عن عام 2022.",
            "وقال ٨٩٫٥٪ من المشاركين في الاستطلاع إنهم حصلوا على الوثائق المطلوبة في "
            "الموعد المحدد.",
            "وطلب السيد دو مينه تام، نائب رئيس اللجنة الشعبية للمقاطعة، من جميع الإدارات نشر "
            'مواعيد معالجة الملفات وتطبيق نموذج "الإدارة الصديقة" في مكاتب الشباك الواحد.',
            "كما تعهدت المقاطعة بمحاسبة الموظفين الذين يتسببون في تأخير الملفات أو إزعاج "
            "المواطنين.",
        ],
        "original_url": "https://baothanhhoa.vn/chinh-tri/papi-2023-thanh-hoa-tang-6-bac-219874.htm",
        "index_facts": [
            fact(
                index="PAPI",
                subject="Thanh Hoa",
                year=2023,
                score=44.1,
                score_unit="points",
                rank=15,
                rank_total=63,
                rank_change=6,
                evidence="حصلت ثانه هوا على 44.1 نقطة في مؤشر PAPI لعام 2023، واحتلت المرتبة "
                "15/63، بتقدم 6 مراكز",
            ),
        ],
        "percentages": [
            pct(89.5, "وقال ٨٩٫٥٪ من المشاركين", literal="٨٩٫٥٪", subject="Thanh Hoa"),
        ],
        "initiatives": ["الإدارة الصديقة", "الشباك الواحد"],
    },
    # ---------------------------------------------------------------- Da Nang PAR, fr
    {
        "slug": "da-nang-recule-de-deux-places-par-index-2023",
        "language": "fr",
        "published": "2024-05-06T17:05:00+07:00",
        "author": "La rédaction",
        "province": "Da Nang",
        "category": "reform",
        "title": "Da Nang recule de deux places dans l'indice de réforme administrative",
        "lead": "La ville du centre reste dans le peloton de tête mais veut accélérer la "
        "numérisation des dossiers.",
        "paragraphs": [
            "Pour 2023, Da Nang a obtenu 88,32 % à l'indice de réforme administrative (PAR "
            "Index) et se classe 5/63, en baisse de 2 places par rapport à 2022.",
            "Le taux de dossiers traités entièrement en ligne atteint 71,4 %, alors que "
            "l'objectif municipal était fixé à 80 %.",
            "Ngo Van Tuan, directeur du Service de l'Intérieur de la ville, a annoncé une "
            "nouvelle version de l'application \"Danang Smart City\" et l'ouverture de guichets "
            "uniques le samedi matin.",
            "Chaque arrondissement devra désormais publier tous les trimestres la liste des "
            "dossiers en retard et les raisons de ce retard.",
        ],
        "original_url": "https://baodanang.vn/chinhtri/202405/da-nang-giam-2-bac-par-index-3981274/",
        "index_facts": [
            fact(
                index="PAR_INDEX",
                subject="Da Nang",
                year=2023,
                score=88.32,
                score_unit="%",
                rank=5,
                rank_total=63,
                rank_change=-2,
                evidence="Pour 2023, Da Nang a obtenu 88,32 % à l'indice de réforme "
                "administrative (PAR Index) et se classe 5/63, en baisse de 2 places",
            ),
        ],
        "percentages": [
            pct(88.32, "Da Nang a obtenu 88,32 %", literal="88,32 %", subject="Da Nang"),
            pct(71.4, "entièrement en ligne atteint 71,4 %", literal="71,4 %", subject="Da Nang"),
            pct(80, "l'objectif municipal était fixé à 80 %", literal="80 %", subject="Da Nang"),
        ],
        "initiatives": ["Danang Smart City", "guichets uniques le samedi matin"],
    },
]
