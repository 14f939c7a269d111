"""Curated Arabic word lists for the rules of this package, folded at import
(`cliptrace.arabic.normalize.fold_arabic`), so they are written here in ordinary spelling.

No Arabic NER or parsing model ships with a PyPI or Debian package (camel-tools, stanza, polyglot
and farasa all download at run time), so these lists carry the knowledge instead: reporting verbs
in their inflections, titles and role nouns that stand before names, organisation head nouns,
common given names, counted nouns of casualty reports and number words.
"""

from __future__ import annotations

from cliptrace.arabic.normalize import fold_arabic


def _folded(words: str) -> frozenset[str]:
    return frozenset(fold_arabic(w) for w in words.split())


# --- reporting verbs: (past 3rd masc. sing., present 3rd masc. sing., active participle) ----------
_CUE_VERBS = [
    ("قال", "يقول", "قائل"), ("أكد", "يؤكد", "مؤكد"), ("أضاف", "يضيف", "مضيف"),
    ("صرح", "يصرح", "مصرح"), ("أشار", "يشير", "مشير"), ("أعلن", "يعلن", "معلن"),
    ("شدد", "يشدد", "مشدد"), ("لفت", "يلفت", "لافت"), ("اعتبر", "يعتبر", "معتبر"),
    ("رأى", "يرى", "-"), ("أوضح", "يوضح", "موضح"), ("تابع", "يتابع", "متابع"),
    ("ذكر", "-", "-"), ("بين", "يبين", "مبين"), ("نفى", "ينفي", "نافي"), ("أفاد", "يفيد", "-"),
    ("كشف", "يكشف", "كاشف"), ("حذر", "يحذر", "محذر"), ("أردف", "يردف", "مردف"),
    ("زعم", "يزعم", "زاعم"), ("ادعى", "يدعي", "مدعي"),
    ("نوه", "ينوه", "منوه"), ("أورد", "-", "-"), ("استطرد", "يستطرد", "مستطرد"),
    ("اعترف", "يعترف", "معترف"), ("توعد", "يتوعد", "متوعد"),
    ("أعرب", "يعرب", "معرب"), ("جدد", "يجدد", "-"), ("طمأن", "يطمئن", "-"),
    ("ختم", "يختم", "-"), ("أبلغ", "يبلغ", "-"), ("أفصح", "يفصح", "-"),
    ("رجح", "يرجح", "-"), ("استبعد", "يستبعد", "مستبعد"), ("تساءل", "يتساءل", "متسائل"),
    ("وصف", "يصف", "واصف"), ("تحدث", "يتحدث", "-"),
    # Condemning and appealing verbs quote their words ('ودانت حركة حماس "تدنيس …"'); with no quotation
    # mark or أنّ after them they report none ("أدان الهجوم").
    ("أدان", "يدين", "-"), ("دان", "-", "-"), ("ندد", "يندد", "مندد"), ("استنكر", "يستنكر", "مستنكر"),
    ("ناشد", "يناشد", "مناشد"),
]
# Each ending with the subject it agrees with: "m" a man (or a masculine noun), "f" a woman (or a
# feminine noun, an organisation), "pl" two or more.
_PAST_ENDINGS = {"": "m", "ت": "f", "وا": "pl", "ا": "pl", "تا": "pl"}
_PRESENT_ENDINGS = {"": "", "ون": "pl", "ان": "pl"}  # "" takes the gender of the prefix: يقول m, تقول f
# The adverbial accusative: "مؤكداً", "مؤكدةً", and the dual "محذرَين", "محذرتين".
_PARTICIPLE_ENDINGS = {"ا": "m", "ه": "f", "ين": "pl", "تين": "pl"}
_NOT_PARTICIPLES = {"متابعه"}  # متابعة is also the noun "follow-up"


def _cue_forms() -> tuple[dict[str, str], frozenset[str], dict[str, str]]:
    """Each inflected form -> its dictionary (past) form (قالت, يقولون, مؤكداً -> قال, أكد), the
    participle forms among them, and each form -> the subject it agrees with (قالت -> "f")."""
    forms: dict[str, str] = {}
    participles: set[str] = set()
    agreement: dict[str, str | None] = {}

    def add(form: str, lemma: str, subject: str) -> None:
        forms[form] = lemma
        agreement[form] = subject if agreement.get(form, subject) == subject else None  # two readings

    for past, present, participle in _CUE_VERBS:
        lemma = fold_arabic(past)
        stem = lemma[:-1] if lemma.endswith("ي") else lemma  # رأى: رأت, رأوا
        for ending, subject in _PAST_ENDINGS.items():
            add((stem if ending else lemma) + ending, lemma, subject)
        if present != "-":
            p = fold_arabic(present)
            for ending, subject in _PRESENT_ENDINGS.items():
                add(p + ending, lemma, subject or "m")
                add("ت" + p[1:] + ending, lemma, subject or "f")
        if participle != "-":
            for ending, subject in _PARTICIPLE_ENDINGS.items():
                form = fold_arabic(participle) + ending
                if form not in _NOT_PARTICIPLES:
                    add(form, lemma, subject)
                    participles.add(form)
    return forms, frozenset(participles), {f: a for f, a in agreement.items() if a}


# Participles ("مؤكداً أن", "مشيراً إلى") go on with the speaker of the clause they hang on.
CUE_FORMS, PARTICIPLE_CUES, CUE_AGREEMENT = _cue_forms()


def listed(word, words) -> bool:
    """Is `word` (tokens.Word) in the folded list `words`, as written or without a leading و?"""
    return word.form in words or word.bare in words


# Cue forms that are also given names: "دان شابيرو" (Dan), "دانا" (Dana); دانت، دانوا stay cues.
_NAMES_NOT_CUES = _folded("دان دانا")


def is_cue(word) -> bool:
    """A reporting verb in any inflection, with و or ف before it or none (`word`: tokens.Word).
    A bare "بين" is the preposition "between" unless its shadda is written (بيّن, "showed")."""
    if word.form == "بين" and "\u0651" not in word.text:
        return False
    if word.bare in _NAMES_NOT_CUES:
        return False
    return word.bare in CUE_FORMS or (word.form[0] == "ف" and word.form[1:] in CUE_FORMS)


def cue_agreement(word) -> str | None:
    """The subject a reporting verb's inflection agrees with: "m", "f", "pl", or None (unknown)."""
    return CUE_AGREEMENT.get(word.bare) or (CUE_AGREEMENT.get(word.form[1:]) if word.form[0] == "ف" else None)
# Words that open the reported content after the speaker: أن/إن (and بأن), إلى أن, على أن, من أن.
COMPLEMENTIZERS = _folded("أن إن أنّ إنّ بأن وأن فإن")
COMPLEMENTIZER_PREFIXES = _folded("إلى على من عن")  # "أشار إلى أنّ", "شدد على أن"
# أن/إن with a pronoun attached ("أنّه", "إنها") open the content too.
PRONOUN_SUFFIXES = ("ه", "ها", "هم", "هما", "هن", "نا", "ني")

# --- people -------------------------------------------------------------------------------------
# Titles and honorifics right before a name.
HONORIFICS = _folded(
    "الشيخ السيد السيدة اللواء العميد العقيد المقدم الرائد النقيب الفريق المشير الدكتور الدكتورة د"
    " المحامي المحامية الأسير الأسيرة الشهيد الشهيدة الأستاذ الأستاذة الحاج الحاجة المطران البطريرك"
    " القاضي الصحفي الصحفية الصحافي الصحافية الناشط الناشطة الطفل الطفلة الشاب الشابة الفتى الفتاة"
    " المعتقل المعتقلة المحرر المحررة الإمام القائد الرئيس الوزير الوزيرة النائب النائبة الأمير الملك"
    " المستشار المستشارة المبعوث السفير السفيرة الجنرال البروفيسور المهندس المهندسة الكاتب الكاتبة"
    " الباحث الباحثة المحلل المحللة الأب الشيخة الملا آية"
)
# Role nouns that head a description of a person ("الناطق باسم", "القيادي في").
ROLE_NOUNS = _folded(
    "القيادي القيادية الناطق الناطقة المتحدث المتحدثة الأمين نائب رئيس رئيسة عضو عضوة وزير وزيرة"
    " مسؤول مسؤولة المسؤول المسؤولة مدير مديرة المدير المديرة قائد القائد أمين مستشار المستشار"
    " ممثل الممثل سفير السفير مبعوث المبعوث منسق المنسق مفتي المفتي زعيم الزعيم محافظ المحافظ"
    " رئيس الرئيس نائبة مراسل مراسلة مراسلنا مراسلتنا مدراء مديرو قادة قياديون قياديين مسؤولون"
    " مسؤولين المسؤولون المسؤولين وزراء نواب أعضاء ممثلو ممثلي الناطقون المتحدثون خبراء خبير"
    " المعلق معلق المعلقة معلقة المذيع المذيعة مذيع مذيعة المراسل المراسلة محلل المحلل"
    " نظير نظيره نظيرها نظيرته نظيرتها نظيرهم"  # "X نظيره المصري Y": his counterpart, then Y
)
# Relatives and representatives, and acts done to someone: a name after them is someone else
# ("محامي الأسير X", "طالبت باعتقال X" are not X).
RELATIONAL_NOUNS = _folded(
    "محامي محامية زوجة زوج والد والدة شقيق شقيقة ابن ابنة نجل نجلة عائلة أم أب أخ أخت أسرة"
    " عم خال جد جدة حفيد رفيق رفاق اغتيال استشهاد اعتقال قاتل إقالة محاكمة"
)
# Speaker nouns (above and below) that name two or more (they take a plural or a feminine verb).
PLURAL_SPEAKER_NOUNS = _folded(
    "مدراء مديرو قادة قياديون قياديين مسؤولون مسؤولين المسؤولون المسؤولين وزراء نواب أعضاء ممثلو"
    " ممثلي الناطقون المتحدثون خبراء رفاق عائلة أسرة مصادر تقديرات تقارير معلومات أنباء"
)
# Given names: a name starts with one of these (a given name that is also a common word, such
# as كامل "complete" or أمل "hope", is in AMBIGUOUS_GIVEN and needs a title or role before it).
MALE_GIVEN_NAMES = _folded(
    "محمد أحمد محمود مصطفى علي حسن حسين خالد عمر عمار عمرو عثمان إبراهيم إسماعيل إسحاق يوسف يعقوب"
    " موسى عيسى يحيى زكريا سليمان داود صالح صلاح سعيد سعد سعود سامي سامر سمير سليم سالم ناصر نبيل"
    " نبيه نجيب نزار نعيم هاشم هشام هاني هادي وليد وائل وسيم ياسر ياسين يزيد زياد زيد زكي طارق طلال"
    " عادل عاطف عامر عدنان عزيز عزام عصام علاء عماد عوني غازي غسان فادي فارس فاروق فايز فؤاد فوزي"
    " فيصل قاسم قدورة كريم كمال ماجد مازن مالك مجدي مراد مروان مشعل منير منذر مهدي ميشال جورج"
    " أنطوان أيمن أسامة أكرم أنور أشرف باسم باسل بسام بشار بشير بلال توفيق تامر تيسير ثائر جمال جميل"
    " جواد حازم حافظ حامد حمدي حمزة حيدر خضر خليل رائد رامي رامز رشيد رضا رياض رمطان رجب زهير سفيان"
    " سهيل شادي شريف شوقي ضياء طه عباس فتحي فهد فراس قيس لؤي ماهر محسن مختار مرتضى مصعب معاذ معتز"
    " منصور مهند مؤمن نادر ناجي نضال نهاد هيثم وجدي وحيد يونس إياد إيهاب جبريل جبران حاتم حسام حمد"
    " راشد ربيع رفيق سلامة شفيق صبري عارف عاصم عزت عمران غالب فاضل فواز لبيب نافذ نايف وديع أمجد"
    " أنس إسلام بهاء تميم جعفر حسان حكم خلدون ذياب رافع رعد زاهر ساهر سعدي سلطان شاكر صابر صادق"
    " صهيب ضرغام طاهر عبيدة عرفات عزمي علام غياث قصي كنان لطفي مأمون مجاهد محمدي مصلح مطيع معين"
    " ممدوح منتصر نائل ناهض نبهان نصر هلال همام وسام وضاح يامن ياسين بنيامين يوآف إيتمار يائير سامح"
    " بيني بتسلئيل جو أنتوني جون لويد فلاديمير سيرغي أنطونيو إيمانويل نيكولاي حسين تشاك ديفيد"
    # Hebrew and Western names as Arabic coverage writes them: Israeli officials, analysts and
    # correspondents are quoted by name ("مراسل القناة يارون أفراهام"). Not عوفر (the prison),
    # نير or غادي (words).
    " يارون عومري أفيف دانيال موشيه يوسي إيلي عاموس أوري أفيغدور نفتالي إيهود شاؤول تساحي رون"
    " أريئيل أرييه شلومو ميكي يولي إيتاي ألون عيمت رونين رونن ياريف تامير غيورا"
    " نيكولاس مايكل جيمس توماس بيتر روجر ريتشارد روبرت وليام دونالد أولاف جوزيب بوريس جاستن"
    " كريستوفر ستيفن مارك جوزيف فرانسيس أندرو إريك مارتن هانز بيير لوران فرانسوا أوليفييه"
    " كارلوس ماريو هاميش"
)
FEMALE_GIVEN_NAMES = _folded(
    "فاطمة مريم زينب عائشة خديجة رندة رنا ريم سارة سلمى سعاد سميرة ليلى لينا منى نادية نوال هالة"
    " هدى هند وفاء آمنة أمل إيمان بشرى جميلة حنان دعاء رحاب سناء سهى شيرين عبير علا غادة فدوى"
    " لمى ماجدة مها ميساء نجلاء نسرين هبة يسرى ديما رشا دانا رزان خالدة أسماء آلاء روان"
    " ناتاليا ماريا جوليا إليزابيث كاثرين آنا إيلينا صوفيا كامالا هيلاري أنالينا غيلي شيريت"
)
GIVEN_NAMES = MALE_GIVEN_NAMES | FEMALE_GIVEN_NAMES
AMBIGUOUS_GIVEN = _folded(
    "أمل جمال نصر سلامة كريم جميل سعيد رضا عادل فارس منصور هادي وفاء حسن سالم ماجد كامل عزيز"
    " شريف فاضل نبيل وحيد صالح بشير سليم ناصر إيمان هدى حنان نضال غالب عارف مختار راشد رافع"
    " سلطان صادق طاهر مجاهد منتصر هلال وسام علا رعد حكم إسلام مالك صابر شاكر جعفر أنس فهد بهاء"
    " مؤمن معين ممدوح لطفي رائد حافظ حامد عاصم عماد"
)
# Given names that are also a preposition and a noun, read as a name only where one goes on
# (باسم: "in the name of", "المتحدث باسم الجيش"; see entities._name_goes_on).
PREPOSITIONAL_GIVEN = _folded("باسم")
# Parts of a compound name that do not end it: عبد الله، أبو عبيدة، بن سلمان، آل ثاني.
NAME_JOINERS = _folded("عبد أبو أبي أبا بن ابن بنت آل أم ذو")
# Unnamed sources stay unnamed: the description is the speaker, no person entity.
UNNAMED_SOURCES = _folded("مصدر مصادر مصدرا تقديرات تقارير معلومات أنباء")

# Words that end a name or a description (prepositions, conjunctions, time words, verbs' helpers).
STOP_WORDS = _folded(
    "في من على إلى عن مع بين خلال منذ حتى بعد قبل عند لدى نحو حول ضد عبر أمام وراء تحت فوق دون"
    " أن إن أنّ إنّ لأن كما التي الذي الذين اللذان اللتان ما ماذا لا لم لن قد كان كانت وكان وكانت"
    " يوم اليوم أمس غدا مساء صباح ليل ليلة فجر ظهر عصر الأحد الاثنين الإثنين الثلاثاء الأربعاء"
    " الخميس الجمعة السبت هذا هذه ذلك تلك هناك هنا أيضا كل بعض أي أو ثم بل لكن وفق بحسب حسب"
    " إذ إذا لو أثناء جراء بسبب ضمن إثر عقب وسط أكثر أقل نحو حوالي قرابة زهاء ما يقارب و"
    " منهم منها منهن"
)

# Common nouns, verbal nouns and adverbs that follow a name in a sentence without being part of it
# ("الشهيد X عملية إطلاق نار", "أعلنت شرطة الاحتلال وقوع …"): a name or a source phrase ends before
# them. Accusative adverbs written with tanween (رداً، فوراً) end one anyway.
COMMON_WORDS = _folded(
    "عملية عمليات إطلاق نار رد ردا وقوع استمرار تنفيذ إعلان تصريح تصريحات زيارة قرار اتفاق تاريخ"
    " ضرورة أهمية عدم إمكانية احتمال حجم عدد ارتفاع انخفاض تراجع تغيير وقف إنهاء بدء منع دعم رفض"
    " قبول إدانة مقتل استشهاد اعتقال اغتيال اقتحام هجوم قصف انفجار إصابة مسؤولية رسالة خطاب موقف"
    " مطالبة إكمال استكمال تشكيل إجراء إجراءات تحقيق محاولة أيضا فورا مجددا سابقا لاحقا حاليا مؤخرا"
    " حينها حينذاك آنذاك تقريبا جدا معا كذلك بدوره بدورها بشأن بخصوص حيال إزاء بعدها قبلها"
    " أنه أنها أنهم بأنه بأنها بأنهم إنه إنها إنهم"
)

# --- organisations and places ---------------------------------------------------------------------
ORG_HEADS = _folded(
    "حركة حزب كتائب سرايا وزارة جيش هيئة مؤسسة منظمة مركز جمعية لجنة اتحاد جبهة مجلس وكالة"
    " حكومة نادي شبكة ألوية كتيبة فصائل فصيل قوات الجيش الحكومة الحركة الحزب مكتب جماعة تجمع"
    " رابطة نقابة محكمة المحكمة الكنيست الخارجية الرئاسة ائتلاف تحالف أحزاب حركات منظمات مؤسسات"
    " وزارات هيئات لجان بيان البيان قيادة القيادة فرقة فرق"
)
# Media that report: "قالت صحيفة …", "ذكرت وسائل إعلام …".
MEDIA_HEADS = _folded("صحيفة قناة موقع إذاعة وكالة وسائل وسائط مواقع صحف قنوات الإعلام إعلام")
# Words an org name may not end on, though they may sit inside it.
ORG_TAIL_STOP = STOP_WORDS - _folded("في ل")

# --- figures --------------------------------------------------------------------------------------
# Counted nouns (and their plurals, duals) -> what happened to the people counted.
CATEGORY_NOUNS: dict[str, str] = {
    **dict.fromkeys(_folded(
        "شهيد شهيدا شهداء شهيدان شهيدين شهيدة شهيدات قتيل قتيلا قتلى قتيلان قتيلين قتيلة ضحية ضحايا"
        " جثة جثث جثمان جثامين"), "killed"),
    **dict.fromkeys(_folded(
        "جريح جريحا جرحى جريحان جريحين جريحة مصاب مصابا مصابين مصابون مصابان مصابة إصابة إصابات"), "injured"),
    **dict.fromkeys(_folded(
        "معتقل معتقلا معتقلين معتقلون معتقلان معتقلة معتقلات موقوف موقوفين مختطف مختطفين"
        # أسير is the word for a Palestinian prisoner in an Israeli jail (English "prisoner": detained);
        # Israelis held in Gaza are captives (see CAPTIVE_NATIONALITIES).
        " أسير أسيرا أسرى أسيرة أسيرات محتجز محتجزا محتجزين محتجزون"), "detained"),
    **dict.fromkeys(_folded("رهينة رهائن"), "captives"),
    **dict.fromkeys(_folded("محرر محررا محررين محررون محررة"), "released"),
    **dict.fromkeys(_folded("مفقود مفقودا مفقودين مفقودون مفقودة"), "missing"),
    **dict.fromkeys(_folded(
        "نازح نازحا نازحين نازحون نازحة لاجئ لاجئا لاجئين لاجئون مهجر مهجرين"), "displaced"),
}
# Dual nouns count two people by themselves ("جريحان", "شهيدين"); only nouns whose plural is
# broken, so the ending cannot be a plural (مصابين is plural or dual).
DUAL_NOUNS: dict[str, str] = {
    **dict.fromkeys(_folded("شهيدان شهيدين قتيلان قتيلين"), "killed"),
    **dict.fromkeys(_folded("جريحان جريحين"), "injured"),
    **dict.fromkeys(_folded("أسيران أسيرين أسيرتان أسيرتين معتقلتين"), "detained"),
    **dict.fromkeys(_folded("طفلان طفلين شابان شابين جنديان جنديين مستوطنان شخصان شخصين"), "other"),
}
# Prisoners of these nationalities, held by the resistance, are captives, not detainees.
CAPTIVE_NATIONALITIES = _folded("إسرائيليين الإسرائيليين إسرائيليا صهاينة الصهاينة مستوطنين جنود")
# Vague amounts are not figures ("عشرات الشهداء", "مئات الأسرى").
VAGUE_AMOUNTS = _folded("عشرات مئات آلاف الآلاف المئات العشرات ملايين")
# Words before a figure that say what happened to its people ("استشهاد 3", "اعتقال 12", "أفرج عن").
CATEGORY_EVENTS: dict[str, str] = {
    **dict.fromkeys(_folded(
        "استشهاد استشهد استشهدت ارتقاء ارتقى ارتقت مقتل قتل قتلت قتلوا سقوط الشهداء شهداء القتلى"
        " حصيلة وفاة وفيات إعدام اغتيال جثث جثة جثامين قتلوا قضوا"), "killed"),
    **dict.fromkeys(_folded(
        "إصابة إصابات أصيب أصيبت أصيبوا جرح جرحت الجرحى المصابين الإصابات بجروح"), "injured"),
    **dict.fromkeys(_folded(
        "اعتقال اعتقل اعتقلت اعتقلوا اعتقالات الاعتقالات اختطاف خطف احتجاز توقيف المعتقلين"), "detained"),
    **dict.fromkeys(_folded("الأسرى الأسيرات أسر المحتجزين"), "detained"),
    **dict.fromkeys(_folded("الرهائن"), "captives"),
    **dict.fromkeys(_folded(
        "الإفراج إفراج أفرج أفرجت الإفراج تحرير سراح إطلاق المحررين"), "released"),
    **dict.fromkeys(_folded("فقدان المفقودين"), "missing"),
    **dict.fromkeys(_folded("نزوح تهجير النازحين اللاجئين تشريد"), "displaced"),
}
# Counted nouns of people with no category of their own ("12 فلسطينياً", "3 أطفال").
PEOPLE_NOUNS = _folded(
    "شخص شخصا أشخاص شخصين فلسطيني فلسطينيا فلسطينيين فلسطينيون مواطن مواطنا مواطنين مواطنون"
    " طفل طفلا أطفال طفلين طفلان امرأة نساء سيدة سيدات شاب شابا شبان شابين رجل رجال مدني مدنيا"
    " مدنيين مدنيون جندي جنديا جنود جنديين عسكري عسكريا عسكريين مستوطن مستوطنا مستوطنين مستوطنون"
    " إسرائيلي إسرائيليا إسرائيليين إسرائيليون لبناني لبنانيا لبنانيين سوري سوريا سوريين مقاوم"
    " مقاوما مقاومين عنصر عنصرا عناصر ضابط ضابطا ضباط صحفي صحفيا صحفيين مسعف مسعفا مسعفين طبيب أطباء"
    " عامل عاملا عمال طالب طالبا طلاب مريض مريضا مرضى قاصر قاصرا قاصرين فتى فتية آخر آخرين آخرون"
    " عائلة عائلات أسرة أسر مستوطنا نائبا نائب نواب أسيرا مقاتل مقاتلا مقاتلين فرد أفراد سائح"
    " سائحا سياح سائحين ناج ناجيا ناجين ناجون"
)
# Counted nouns that make a number a measure, not a head count.
UNIT_NOUNS = _folded(
    "يوم يوما أيام يومين ساعة ساعات ساعتين دقيقة دقائق أسبوع أسابيع أسبوعين شهر شهرا أشهر شهور شهرين"
    " عام عاما أعوام عامين سنة سنوات سنين عقد عقود مرة مرات مرتين بالمئة بالمائة في المئة % دولار"
    " دولارا شيكل شيكلا يورو ليرة كيلومتر كلم متر مترا طن أطنان دونم دونما صاروخ صاروخا صواريخ"
    " قذيفة قذائف منزل منازل منزلا مبنى مباني بند بنود نقطة نقاط مادة قرار عملية عمليات ألفا"
)
# Hedges before a number.
HEDGES: list[tuple[tuple[str, ...], str]] = [
    (tuple(fold_arabic(w) for w in h.split()), approx)
    for h, approx in [
        ("ما لا يقل عن", "at_least"), ("لا يقل عن", "at_least"), ("على الأقل", "at_least"),
        ("أكثر من", "more_than"), ("ما يزيد عن", "more_than"), ("ما يزيد على", "more_than"),
        ("يزيد على", "more_than"), ("يزيد عن", "more_than"), ("أزيد من", "more_than"),
        ("ما يفوق", "more_than"), ("يفوق", "more_than"),
        ("نحو", "about"), ("حوالي", "about"), ("قرابة", "about"), ("زهاء", "about"),
        ("ما يقارب", "about"), ("ما يناهز", "about"), ("قرابة", "about"), ("تقريبا", "about"),
        ("حتى", "up_to"), ("أقل من", "up_to"), ("ما يصل إلى", "up_to"), ("يصل إلى", "up_to"),
    ]
]
# Number words: units and tens (masculine and feminine forms), and multipliers.
NUMBER_WORDS: dict[str, int] = {
    **{fold_arabic(w): n for n, ws in enumerate([
        "", "واحد واحدة", "اثنان اثنين اثنتان اثنتين", "ثلاثة ثلاث", "أربعة أربع", "خمسة خمس",
        "ستة ست", "سبعة سبع", "ثمانية ثماني ثمان", "تسعة تسع", "عشرة عشر"]) for w in ws.split()},
    **{fold_arabic(w): 10 * n for n, ws in enumerate([
        "", "", "عشرون عشرين", "ثلاثون ثلاثين", "أربعون أربعين", "خمسون خمسين", "ستون ستين",
        "سبعون سبعين", "ثمانون ثمانين", "تسعون تسعين"]) for w in ws.split()},
    **dict.fromkeys(_folded("مئة مائة"), 100),
}
NUMBER_WORDS.pop("", None)
MULTIPLIERS: dict[str, int] = {
    **dict.fromkeys(_folded("مئة مائة"), 100), **dict.fromkeys(_folded("مئتي مئتا مائتي مائتا"), 200),
    **dict.fromkeys(_folded("ألف ألفا آلاف"), 1000), **dict.fromkeys(_folded("ألفي ألفان"), 2000),
    **dict.fromkeys(_folded("مليون ملايين"), 1_000_000), **dict.fromkeys(_folded("مليوني"), 2_000_000),
}
# "بحسب X", "وفق X": the cited source of a figure.
ACCORDING = _folded("بحسب حسب وفق وفقا طبقا")

# --- events ---------------------------------------------------------------------------------------
EVENT_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(_folded("استقبل استقبلت يستقبل التقى التقت يلتقي لقاء اجتماع اجتمع اجتمعت"), "meeting"),
    **dict.fromkeys(_folded("زار زارت يزور زيارة"), "visit"),
    **dict.fromkeys(_folded("اتصال اتصالا اتصل اتصلت هاتف هاتفي هاتفيا"), "call"),
}
