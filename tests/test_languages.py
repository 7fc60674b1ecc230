"""Languages beyond the eight with boilerplate phrases: each is told from its
text, and a page in it keeps its body (stop words, where it has a list: ``rust/core/data/lang``)."""

from __future__ import annotations

import pytest

import unboil

#: Four sentences of one news item (a council passing its budget) in each language.
SENTENCES: dict[str, tuple[str, ...]] = {
    "ar": (
        "اجتمع مجلس المدينة يوم الثلاثاء لمناقشة الميزانية الجديدة للعام المقبل.",
        "ناقش الأعضاء لساعات الإنفاق على المدارس والطرق والنقل العام.",
        "في النهاية تمت الموافقة على الميزانية بسبعة أصوات مقابل صوتين، وشكر رئيس البلدية الجميع على تعاونهم.",
        "يمكن للمواطنين قراءة الوثيقة على موقع البلدية اعتبارا من الأسبوع المقبل.",
    ),
    "cs": (
        "Městská rada se v úterý sešla, aby projednala nový rozpočet na příští rok.",
        "Zastupitelé několik hodin diskutovali o výdajích na školy, silnice a veřejnou dopravu.",
        "Nakonec byl rozpočet schválen poměrem hlasů sedm ku dvěma a starosta všem poděkoval za spolupráci.",
        "Občané si mohou dokument přečíst na webových stránkách úřadu již od příštího týdne.",
    ),
    "da": (
        "Byrådet mødtes tirsdag for at drøfte det nye budget for næste år.",
        "Medlemmerne diskuterede i flere timer udgifterne til skoler, veje og offentlig transport.",
        "Til sidst blev budgettet vedtaget med syv stemmer mod to, og borgmesteren takkede alle for samarbejdet.",
        "Borgerne kan læse dokumentet på kommunens hjemmeside fra næste uge.",
    ),
    "el": (
        "Το δημοτικό συμβούλιο συνεδρίασε την Τρίτη για να συζητήσει τον νέο προϋπολογισμό του επόμενου έτους.",
        "Οι σύμβουλοι συζήτησαν για ώρες τις δαπάνες για σχολεία, δρόμους και δημόσιες συγκοινωνίες.",
        "Τελικά ο προϋπολογισμός εγκρίθηκε με επτά ψήφους υπέρ και δύο κατά, και ο δήμαρχος ευχαρίστησε όλους για τη συνεργασία.",
        "Οι πολίτες μπορούν να διαβάσουν το έγγραφο στην ιστοσελίδα του δήμου από την επόμενη εβδομάδα.",
    ),
    "fa": (
        "شورای شهر روز سه شنبه برای بحث درباره بودجه جدید سال آینده تشکیل جلسه داد.",
        "اعضا چند ساعت درباره هزینه های مدارس، جاده ها و حمل و نقل عمومی بحث کردند.",
        "در پایان بودجه با هفت رای موافق و دو رای مخالف تصویب شد و شهردار از همه برای همکاری تشکر کرد.",
        "شهروندان می توانند این سند را از هفته آینده در وب سایت شهرداری بخوانند.",
    ),
    "fi": (
        "Hän sanoi, että budjetti on nyt valmis, mutta kaikki ei ole vielä varmaa.",
        "Se oli pitkä kokous, ja he keskustelivat siitä koko yön, kun päätös oli niin vaikea.",
        "Lopulta valtuusto hyväksyi sen, vaikka kaikki eivät olleet samaa mieltä.",
        "Asukkaat voivat lukea sen kaupungin sivuilta, kun se on julkaistu.",
    ),
    "he": (
        "מועצת העיר התכנסה ביום שלישי כדי לדון בתקציב החדש לשנה הבאה.",
        "חברי המועצה התווכחו במשך כמה שעות על ההוצאות על בתי ספר, כבישים ותחבורה ציבורית.",
        "בסופו של דבר התקציב אושר ברוב של שבעה מול שניים, וראש העיר הודה לכולם על שיתוף הפעולה.",
        "התושבים יוכלו לקרוא את המסמך באתר העירייה כבר מהשבוע הבא.",
    ),
    "hi": (
        "नगर परिषद की बैठक मंगलवार को अगले साल के नए बजट पर चर्चा करने के लिए हुई।",
        "सदस्यों ने स्कूलों, सड़कों और सार्वजनिक परिवहन पर खर्च के बारे में कई घंटों तक बहस की।",
        "अंत में बजट को दो के मुकाबले सात मतों से मंजूरी दी गई और महापौर ने सभी को सहयोग के लिए धन्यवाद दिया।",
        "नागरिक अगले सप्ताह से नगर की वेबसाइट पर यह दस्तावेज़ पढ़ सकते हैं।",
    ),
    "hu": (
        "A városi tanács kedden ülésezett, hogy megvitassa a jövő évi új költségvetést.",
        "A képviselők órákon át vitatkoztak az iskolákra, az utakra és a tömegközlekedésre fordított kiadásokról.",
        "Végül a költségvetést hét szavazattal kettő ellenében elfogadták, és a polgármester mindenkinek megköszönte az együttműködést.",
        "A lakosok a jövő héttől olvashatják el a dokumentumot a város honlapján.",
    ),
    "id": (
        "Dewan kota bertemu pada hari Selasa untuk membahas anggaran baru untuk tahun depan.",
        "Para anggota dewan berdebat selama beberapa jam tentang pengeluaran untuk sekolah, jalan, dan transportasi umum.",
        "Akhirnya anggaran disetujui dengan tujuh suara berbanding dua, dan wali kota berterima kasih kepada semua pihak atas kerja samanya.",
        "Warga dapat membaca dokumen tersebut di situs web pemerintah kota mulai minggu depan.",
    ),
    "ja": (
        "市議会は火曜日に来年度の新しい予算について話し合うために集まりました。",
        "議員たちは学校や道路、公共交通への支出について何時間も議論しました。",
        "最終的に予算は七対二で可決され、市長は皆さんの協力に感謝しました。",
        "市民は来週から市のウェブサイトでこの文書を読むことができます。",
    ),
    "ko": (
        "시의회는 화요일에 내년도 새 예산을 논의하기 위해 모였습니다.",
        "의원들은 학교와 도로, 대중교통에 대한 지출을 놓고 몇 시간 동안 토론했습니다.",
        "결국 예산은 찬성 7표 반대 2표로 통과되었고 시장은 모두의 협력에 감사를 표했습니다.",
        "시민들은 다음 주부터 시청 웹사이트에서 이 문서를 읽을 수 있습니다.",
    ),
    "pl": (
        "Rada miasta zebrała się we wtorek, aby omówić nowy budżet na przyszły rok.",
        "Radni przez kilka godzin dyskutowali o wydatkach na szkoły, drogi i transport publiczny.",
        "Ostatecznie budżet został przyjęty stosunkiem głosów siedem do dwóch, a burmistrz podziękował wszystkim za współpracę.",
        "Mieszkańcy mogą zapoznać się z dokumentem na stronie internetowej urzędu już od przyszłego tygodnia.",
    ),
    "ro": (
        "Consiliul local s-a întrunit marți pentru a discuta noul buget pentru anul viitor.",
        "Consilierii au dezbătut timp de mai multe ore cheltuielile pentru școli, drumuri și transportul public.",
        "În cele din urmă bugetul a fost aprobat cu șapte voturi la două, iar primarul le-a mulțumit tuturor pentru colaborare.",
        "Cetățenii pot citi documentul pe site-ul primăriei începând de săptămâna viitoare.",
    ),
    "sv": (
        "Kommunfullmäktige samlades på tisdagen för att diskutera den nya budgeten för nästa år.",
        "Ledamöterna debatterade i flera timmar om utgifterna för skolor, vägar och kollektivtrafik.",
        "Till slut antogs budgeten med sju röster mot två, och borgmästaren tackade alla för samarbetet.",
        "Invånarna kan läsa dokumentet på kommunens webbplats redan från nästa vecka.",
    ),
    "th": (
        "สภาเมืองประชุมกันเมื่อวันอังคารเพื่อหารือเกี่ยวกับงบประมาณใหม่สำหรับปีหน้า",
        "สมาชิกสภาถกเถียงกันหลายชั่วโมงเกี่ยวกับค่าใช้จ่ายสำหรับโรงเรียน ถนน และระบบขนส่งสาธารณะ",
        "ในที่สุดงบประมาณก็ผ่านด้วยคะแนนเสียงเจ็ดต่อสอง และนายกเทศมนตรีขอบคุณทุกคนสำหรับความร่วมมือ",
        "ประชาชนสามารถอ่านเอกสารได้ที่เว็บไซต์ของเทศบาลตั้งแต่สัปดาห์หน้า",
    ),
    "tr": (
        "Belediye meclisi gelecek yılın yeni bütçesini görüşmek için salı günü toplandı.",
        "Meclis üyeleri okullar, yollar ve toplu taşıma harcamalarını saatlerce tartıştı.",
        "Sonunda bütçe iki karşı yediye oyla kabul edildi ve belediye başkanı herkese işbirliği için teşekkür etti.",
        "Vatandaşlar belgeyi gelecek haftadan itibaren belediyenin internet sitesinde okuyabilecek.",
    ),
    "uk": (
        "Міська рада зібралася у вівторок, щоб обговорити новий бюджет на наступний рік.",
        "Депутати кілька годин сперечалися про витрати на школи, дороги та громадський транспорт.",
        "Зрештою бюджет ухвалили сімома голосами проти двох, і мер подякував усім за співпрацю.",
        "Мешканці зможуть прочитати документ на сайті міста вже з наступного тижня.",
    ),
    "vi": (
        "Hội đồng thành phố đã họp vào thứ Ba để thảo luận về ngân sách mới cho năm tới.",
        "Các thành viên hội đồng đã tranh luận trong nhiều giờ về chi tiêu cho trường học, đường sá và giao thông công cộng.",
        "Cuối cùng ngân sách đã được thông qua với bảy phiếu thuận và hai phiếu chống, và thị trưởng cảm ơn mọi người vì sự hợp tác.",
        "Người dân có thể đọc tài liệu trên trang web của thành phố từ tuần tới.",
    ),
    "zh": (
        "市议会周二开会，讨论明年的新预算。",
        "议员们就学校、道路和公共交通的支出进行了数小时的辩论。",
        "最终预算以七票对二票获得通过，市长感谢大家的合作。",
        "市民从下周起可以在市政府网站上阅读这份文件。",
    ),
}

MENU = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(12))


def page(sentences: tuple[str, ...], lang: str = "") -> str:
    """A news page around the sentences: menus, a related list, a footer."""
    paragraphs = "".join(f"<p>{s}</p>" for s in sentences)
    related = "".join(f'<li><a href="/r{i}">{s[:40]}</a></li>' for i, s in enumerate(sentences))
    return (
        f'<html lang="{lang}"><body><header><nav><ul>{MENU}</ul></nav></header>'
        f"<main><article><h1>Budget</h1>{paragraphs}</article></main><aside><ul>{related}</ul></aside>"
        f"<footer><p>© 2026 Example Media. All rights reserved.</p><ul>{MENU}</ul></footer></body></html>"
    )


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_an_undeclared_page_is_told_its_language_and_keeps_its_body(code: str) -> None:
    document = unboil.extract(page(SENTENCES[code]))
    assert document.language == code
    assert [s for s in SENTENCES[code] if s not in document.text] == []


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_a_fragment_of_paragraphs_comes_back_whole(code: str) -> None:
    # Regression: in Chinese, Japanese and Thai, whose words are no measure
    # of a paragraph's length, a fragment kept one paragraph of four.
    fragment = "".join(f"<p>{sentence}</p>" for sentence in SENTENCES[code])
    assert unboil.clean_html(fragment) == "\n\n".join(SENTENCES[code])


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_text_keeps_every_sentence_among_menu_lines(code: str) -> None:
    text = "Home\nNews\nSport\n" + "\n".join(SENTENCES[code]) + "\nShare on Facebook\n© 2026 Example Media"
    cleaned = unboil.clean_text(text)
    assert [s for s in SENTENCES[code] if s not in cleaned] == []
    assert "Share on Facebook" not in cleaned


@pytest.mark.parametrize(
    ("declared", "code"),
    [("sk", "cs"), ("nb", "da"), ("mr", "hi"), ("en", "pl")],
    ids=["slovak-as-czech", "norwegian-as-danish", "marathi-as-hindi", "template-lang-over-polish"],
)
def test_a_declared_language_the_text_cannot_tell_stands(declared: str, code: str) -> None:
    """The text, read as `code`, overrides a declared language only when
    that one is built in (an English template over a Polish article)."""
    want = code if declared in unboil.LANGUAGES else declared
    assert unboil.extract(page(SENTENCES[code], lang=declared)).language == want
