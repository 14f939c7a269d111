"""The Arabic annotator on invented news sentences (no eval text): quotes and speakers, figures,
events, entities, and the cross-script name key."""

import pytest

from cliptrace.extract.annotate import annotate_many
from cliptrace.extract.arabic import annotate_arabic
from cliptrace.extract.arabic.actors import ActorsError, cross_script_key, load_actors, same_person_across_scripts
from cliptrace.model import ArticleDraft


def _annotate(text: str, published: str = "2024-03-12"):
    draft = ArticleDraft(text=text, published=published, language="ar")
    return draft, annotate_arabic(draft)


def _quote(draft, annotations, words: str):
    found = [q for q in annotations.quotes if words in draft.text[q.start:q.end]]
    assert found, [draft.text[q.start:q.end] for q in annotations.quotes]
    return found[0]


def test_reported_speech_and_a_surname_that_adds():
    draft, ann = _annotate(
        "قال المتحدث باسم الدفاع المدني سليم عواد، يوم الثلاثاء، إن فرق الإنقاذ تعمل منذ الفجر.\n\n"
        "وأضاف عواد في مؤتمر صحفي: «لم نتمكن من الوصول إلى الحي الشرقي بسبب الركام».")
    first = _quote(draft, ann, "فرق الإنقاذ تعمل منذ الفجر")
    assert (first.kind, first.speaker, first.said_on) == ("indirect", "سليم عواد", "2024-03-12")
    second = _quote(draft, ann, "لم نتمكن من الوصول")
    assert (second.kind, second.speaker, second.speaker_id) == ("direct", "سليم عواد", first.speaker_id)


def test_a_day_inside_what_was_said_is_not_the_day_it_was_said():
    # Published Tuesday 12 March 2024: the storm was on Sunday; the mayor spoke on Monday, or on a
    # day the article does not give.
    draft, ann = _annotate(
        "قال رئيس البلدية أمس إنّ العاصفة ضربت الساحل يوم الأحد.\n\n"
        "وأضاف رئيس البلدية أنّ الطريق أغلق يوم الأحد بسبب الفيضان.\n\n"
        "وقال المهندس: «بدأنا الإصلاح يوم الأحد».")
    assert _quote(draft, ann, "العاصفة ضربت").said_on == "2024-03-11"
    assert _quote(draft, ann, "الطريق أغلق").said_on is None
    assert _quote(draft, ann, "بدأنا الإصلاح").said_on is None


def test_an_organisation_whose_name_stands_in_quotation_marks():
    draft, ann = _annotate(
        'وأكّدت حركة "حماس"، أنّ التهديدات الأخيرة لن تنجح في إضعاف المقاومة.\n\n'
        "وقالت حركة حماس إنّ الرد سيكون في الوقت المناسب.\n\n"
        'وتعليقاً على ذلك، قال حزب "الليكود" إنّ الاتهامات كاذبة من أساسها.')
    marked, plain = _quote(draft, ann, "التهديدات الأخيرة"), _quote(draft, ann, "الرد سيكون")
    assert marked.speaker_id == plain.speaker_id is not None  # one Hamas, with or without the marks
    assert draft.text[slice(*marked.speaker_mention)] == 'حركة "حماس"'
    assert _quote(draft, ann, "الاتهامات كاذبة").speaker == "حزب الليكود"


def test_a_subject_written_before_the_cue_is_never_the_last_speaker():
    # "وكان X صرّح": the pluperfect puts the subject before the cue; one the rules cannot name
    # leaves the speaker empty instead of handing the words to the speaker before.
    draft, ann = _annotate(
        'وقال ماهر الطاهر إنّ "المقاومة سترد بقوة على أي اعتداء".\n\n'
        'وكان غولدبرغ صرّح في جلسة للحكومة، في وقت سابق اليوم، بأنّ "الحركة تدرك أننا سنقاتل بكل الوسائل".\n\n'
        'وأضاف الطاهر: "لن نسمح بذلك مهما كلف الأمر".')
    assert _quote(draft, ann, "المقاومة سترد").speaker == "ماهر الطاهر"
    assert _quote(draft, ann, "الحركة تدرك").speaker is None
    assert _quote(draft, ann, "لن نسمح").speaker == "ماهر الطاهر"


def test_a_quotation_nobody_could_be_given_breaks_the_chain_of_continuations():
    # "وأكدت" (she stressed) cannot be Maher al-Taher's, and nobody else was named: after it,
    # "وأضاف" has no speaker to go on with. A cue inside reported words ("أن تبلغ") breaks nothing.
    draft, ann = _annotate(
        'وقال ماهر الطاهر إنّ "المقاومة سترد بقوة على أي اعتداء".\n\n'
        "وأكدت أنّ الوضع على الأرض خطير جداً ويتطلب تحركاً.\n\n"
        'وأضاف أنّ "الحل لن يكون قريباً في ظل هذه الحكومة".')
    assert _quote(draft, ann, "المقاومة سترد").speaker == "ماهر الطاهر"
    assert _quote(draft, ann, "الوضع على الأرض").speaker is None
    assert _quote(draft, ann, "الحل لن يكون").speaker is None
    draft, ann = _annotate(
        'وقال ماهر الطاهر إنّ "المقاومة سترد بقوة على أي اعتداء".\n\n'
        'ولفت إلى أنّ على الدول أن تبلغ رسالة لهذه الحكومات، "بأن الاعتداء سيقابل بالمقاطعة الكاملة".\n\n'
        'وأضاف: "إن لم يفعلوا ذلك، فهم ليسوا بمستوى المسؤولية".')
    assert _quote(draft, ann, "إن لم يفعلوا").speaker == "ماهر الطاهر"


def test_an_organisation_after_a_verb_no_cue_list_knows_speaks_in_its_clause():
    draft, ann = _annotate(
        'وقالت حركة "حماس" إنّ "الاحتلال يتحمل مسؤولية التصعيد في الضفة".\n\n'
        "وأيضاً، باركت سرايا القدس العملية في الخليل، مؤكدةً أنّ المقاومة ستبقى حاضرة في كل المدن.\n\n"
        'كذلك، نعت حركة المقاومة الشعبية في فلسطين الشهيد، قائلةً إن "دماءه لن تذهب هدراً أبداً".\n\n'
        'وقال الأمين العام للحزب الشيخ نعيم قاسم إنّ "الحرب لم تنته بعد"، مطالباً الحكومة اللبنانية أن "تتحمل مسؤولياتها كاملة في حماية الجنوب وأهله".')
    brigades = _quote(draft, ann, "المقاومة ستبقى حاضرة")
    assert brigades.speaker == "Al-Quds Brigades"
    # A movement named in full is itself, though it shares حركة المقاومة with Hamas's long name.
    assert _quote(draft, ann, "دماءه لن تذهب").speaker == "حركة المقاومة الشعبية في فلسطين"
    # "مطالباً الحكومة": the government is whom he asks, not who speaks.
    assert _quote(draft, ann, "تتحمل مسؤولياتها").speaker_id == _quote(draft, ann, "الحرب لم تنته").speaker_id


def test_a_cue_in_a_clause_whose_verb_and_subject_stand_after_a_comma():
    # "أعربت فيه" (in which it expressed) has no subject after it: the ministry that issued the
    # statement, right after the comma, speaks, not the movement quoted before.
    draft, ann = _annotate(
        'وقالت حركة حماس إنّ "الهجوم عمل إجرامي يستهدف استقرار البلاد".\n\n'
        'وفي الجزائر، أصدرت وزارة الخارجية بياناً أعربت فيه عن تضامنها مع باكستان، رافضةً "كل أنواع العنف والاقتتال الطائفي في البلاد".')
    assert _quote(draft, ann, "كل أنواع العنف").speaker == "وزارة الخارجية"


def test_a_bare_definite_role_calls_back_the_person_it_stood_before():
    draft, ann = _annotate(
        'وقال القيادي في حركة الجهاد محمد شلح إنّ "العملية مشرفة وترفع رأس الشعب".\n\n'
        'وأشار القيادي في الحركة إلى الجاهزية لكل السيناريوهات، مضيفاً: "سنكون سنداً للمقاومين في الضفة".\n\n'
        'وقال محلل للشؤون الدولية إنّ "الرد سيكون محسوباً في هذه المرحلة".')
    assert _quote(draft, ann, "سنكون سنداً").speaker == "محمد شلح"
    # An indefinite role ("محلل", an analyst) is someone new.
    assert _quote(draft, ann, "الرد سيكون محسوباً").speaker != "محمد شلح"


def test_a_bare_definite_head_calls_back_the_organisation_or_unnamed_source_it_heads():
    draft, ann = _annotate(
        'وقال حزب "الليكود" إنّ "بينيت كالعادة يكذب ولم نقر أي شيء من هذا".\n\n'
        'وأضاف الحزب الذي يتزعمه بنيامين نتنياهو: "نحن لم نقم حكومة مع أي جهة من هذا النوع".\n\n'
        'وقال مسؤول في الرئاسة الفلسطينية إنّ "الاجتماع سيعقد الأحد في القاهرة".\n\n'
        'وذكر المسؤول أنّ الاجتماع سيناقش كيفية مواجهة التصعيد في الضفة.')
    # The name in the relative clause ("الذي يتزعمه نتنياهو") describes the party; it does not speak.
    assert _quote(draft, ann, "لم نقم حكومة").speaker == "حزب الليكود"
    assert _quote(draft, ann, "الاجتماع سيناقش").speaker == _quote(draft, ann, "الاجتماع سيعقد").speaker


def test_a_second_subject_after_a_comma_and_what_a_source_spoke_about():
    draft, ann = _annotate(
        "عضو المكتب السياسي في الحركة صلاح البردويل يحذّر الاحتلال من تنفيذ تهديداته، ومسؤول العلاقات "
        "الدولية في الجبهة الشعبية ماهر الطاهر يؤكّد أنّ الرد سيكون قوياً ومؤلماً.\n\n"
        'وتحدّث موقع "زمان إسرائيل" عن تردد اسم القيادي كثيراً، "ليس فقط في أروقة المؤسسة الأمنية، بل أيضاً في الإعلام".')
    # The second clause, after the comma, has its own subject before its verb.
    assert _quote(draft, ann, "الرد سيكون قوياً").speaker == "ماهر الطاهر"
    # "عن تردد اسم …" is what the site spoke of, not part of its name.
    assert _quote(draft, ann, "ليس فقط في أروقة").speaker == 'موقع "زمان إسرائيل"'


def test_came_out_to_say_names_the_subject_of_its_clause():
    # "للقول" / "بالقول" (to say, by saying) is no verb the cue lists know: the subject of the
    # clause it closes speaks, not the last speaker.
    draft, ann = _annotate(
        'وقال رئيس الحكومة نفتالي بينيت إنّ "إسرائيل لن تسمح بذلك أبداً مهما حصل".\n\n'
        'لقد خرج رئيس هيئة الأركان، أفيف كوخافي، للقول إنّه "إذا استمرت إيران في تطوير برنامجها فلن يكون أمامنا خيار".\n\n'
        'كذلك، اكتفت وكالة الأنباء السعودية الرسمية بالقول إنّ الجانبين "ناقشا العلاقات الثنائية وسبل تعزيزها".')
    assert _quote(draft, ann, "إذا استمرت إيران").speaker == "أفيف كوخافي"
    assert _quote(draft, ann, "ناقشا العلاقات").speaker == "وكالة الأنباء السعودية الرسمية"


def test_a_leader_named_by_surname_alone_is_the_listed_person():
    # Coverage calls Netanyahu "نتنياهو" without ever writing his given name.
    draft, ann = _annotate('وأكّد نتنياهو أنّ "من يحاول إلحاق الأذى بنا سيدفع الثمن كاملاً".')
    assert _quote(draft, ann, "سيدفع الثمن").speaker == "Benjamin Netanyahu"


def test_israeli_and_western_names_are_people_and_whom_a_speaker_addresses_is_not_the_speaker():
    draft, ann = _annotate(
        "وقالت ناتاليا جوروشينا إنّ القوانين الجديدة قد تؤدي إلى تدهور مؤسسي كبير.\n\n"
        'من جهته، قال مراسل الشؤون العسكرية في الصحيفة، يوسي يهوشع، عبر "تويتر"، إنّ "هجوماً قاسياً وقع هذا المساء".\n\n'
        "وتحدث وزير الخارجية الأميركي أنتوني بلينكن مع وزير الخارجية إيلي كوهين.\n\n"
        'وأفاد الموقع بأنّ بلينكن قال لكوهين إنّ "الأمر أصعب بكثير مما كان متوقعاً".\n\n'
        "وقال وزير الأشغال علي حمية إنّ العمل بدأ.\n\n"
        "ووفقاً لحمية، فإنّ مسافة الطريق أربعة كيلومترات.")
    assert _quote(draft, ann, "القوانين الجديدة").speaker == "ناتاليا جوروشينا"
    assert _quote(draft, ann, "هجوماً قاسياً").speaker == "يوسي يهوشع"  # "يهوشع" reads like a verb
    assert _quote(draft, ann, "الأمر أصعب").speaker == "Antony Blinken"  # not "لكوهين", to Cohen
    assert _quote(draft, ann, "مسافة الطريق").speaker == "علي حمية"  # "وفقاً لحمية": according to him


def test_a_participle_after_a_verb_of_commenting_goes_on_in_its_subjects_voice():
    draft, ann = _annotate(
        'وقال نتنياهو إنّ "العاروري يدير الحرب من لبنان وسيدفع الثمن".\n\n'
        'وعلّق مراسل الشؤون العربية في القناة عومري حايم على الصورة قائلاً: "العاروري يريد القول إنه يدير الحرب بنفسه".\n\n'
        'كما هدّد رئيس الحكومة قادة الحركة، قائلاً: "لن يكون أحد منكم في مأمن بعد اليوم".\n\n'
        'ونشرت صحيفة "إسرائيل هيوم" تقريراً تحت عنوان "بطاقة صفراء من واشنطن إلى الحكومة".')
    assert _quote(draft, ann, "يريد القول").speaker == "عومري حايم"
    # "هدّد" takes its object right after it: the participle is not the object's.
    assert _quote(draft, ann, "لن يكون أحد").speaker != "عومري حايم"
    # A report's title in quotation marks is nobody's words.
    assert not [q for q in ann.quotes if "بطاقة صفراء" in draft.text[q.start:q.end]]


def test_his_counterpart_ends_one_name_and_introduces_the_next():
    draft, ann = _annotate(
        "التقى وزير الخارجية الأردني أيمن الصفدي نظيره المصري سامح شكري في عمّان يوم الاثنين.\n\n"
        "وقال الصفدي في مؤتمر صحافي مشترك: «نحن متفقون على ضرورة وقف إطلاق النار فوراً».\n\n"
        'من جانبه، أكد شكري أن مصر "لن تقبل بأي تهجير للفلسطينيين".')
    assert "أيمن الصفدي" in {e.name for e in ann.entities}
    assert _quote(draft, ann, "نحن متفقون").speaker == "أيمن الصفدي"
    assert _quote(draft, ann, "لن تقبل").speaker == "سامح شكري"


def test_a_family_name_that_is_also_a_title():
    # الشيخ ("the sheikh") after a given name is the family's name, there and standing alone
    draft, ann = _annotate(
        "وقال محافظ المدينة، كريم الشيخ، إن الطريق سيفتح خلال أسبوع.\n\n"
        "وأضاف الشيخ: «لن نترك أحدا في العراء».")
    first = _quote(draft, ann, "الطريق سيفتح")
    assert first.speaker == "كريم الشيخ"
    second = _quote(draft, ann, "لن نترك أحدا")
    assert (second.speaker, second.speaker_id) == ("كريم الشيخ", first.speaker_id)


def test_actors_list_gives_the_latin_name():
    draft, ann = _annotate("أكد رئيس المكتب السياسي لحركة حماس إسماعيل هنيّة أنّ الحركة منفتحة على كل المبادرات.")
    quote = _quote(draft, ann, "الحركة منفتحة")
    assert quote.speaker == "Ismail Haniyeh"
    assert {e.name for e in ann.entities} >= {"Ismail Haniyeh", "Hamas"}


def test_bare_added_keeps_the_previous_speaker_and_unnamed_sources_stay_unnamed():
    draft, ann = _annotate(
        "قالت مديرة المستشفى ليلى حداد إنّ المولدات ستتوقف خلال ساعات.\n\n"
        "وأضافت: \"نحتاج إلى الوقود اليوم قبل الغد\".\n\n"
        "وقال مصدر أمني إن التحقيق ما زال جارياً في ملابسات الحادث.")
    assert _quote(draft, ann, "نحتاج إلى الوقود").speaker == "ليلى حداد"
    unnamed = _quote(draft, ann, "التحقيق ما زال جارياً")
    assert unnamed.speaker == "مصدر أمني" and unnamed.speaker_id is None


def test_a_relative_named_after_a_lawyer_is_not_the_speaker():
    draft, ann = _annotate("وكان محامي المعتقل يوسف درويش أكد أنّ موكله لم يخضع لأي تحقيق منذ اعتقاله.")
    assert _quote(draft, ann, "موكله لم يخضع").speaker == "محامي المعتقل يوسف درويش"


def test_marked_names_are_not_quotations():
    draft, ann = _annotate("التقى وفد من «فتح» وفد «الجبهة الشعبية» في القاهرة لبحث الملفات العالقة.")
    assert ann.quotes == []


def test_figures_with_hedges_duals_number_words_and_sources():
    draft, ann = _annotate(
        "وأعلنت وزارة الصحة ارتفاع عدد الشهداء إلى ١٢٤ شهيداً، وإصابة أكثر من 300 آخرين.\n\n"
        "واستشهد 4 مواطنين وأصيب 3 بجروح في قصف على بلدة الزاوية.\n\n"
        "وأفاد الهلال الأحمر بوصول جريحين إلى المستشفى، بحسب وزارة الصحة.\n\n"
        "واعتقلت قوات الاحتلال خمسة عشر فلسطينياً خلال مداهمات ليلية.")
    figures = {(f.value, f.category, f.approx) for f in ann.figures}
    assert {(124, "killed", "exact"), (300, "injured", "more_than"), (4, "killed", "exact"),
            (3, "injured", "exact"), (2, "injured", "exact"), (15, "detained", "exact")} <= figures
    sources = {f.value: f.source for f in ann.figures}
    assert sources[124] == "وزارة الصحة" and sources[2] == "وزارة الصحة"


def test_dates_and_measures_are_not_figures():
    draft, ann = _annotate("اعتُقل الأسير في 14 شباط الماضي، وأمضى 12 عاماً في السجون، وخاض 4 إضرابات.")
    assert ann.figures == []


def test_a_meeting_with_its_participants_and_place():
    draft, ann = _annotate("استقبل الرئيس محمود عباس في رام الله، اليوم، وزير الخارجية الأردني أيمن الصفدي.",
                           published="2024-05-02")
    (event,) = ann.events
    assert event.type == "meeting" and "Mahmoud Abbas" in event.participants
    assert event.place == "Ramallah" and event.date == "2024-05-02"


def test_arabic_drafts_never_reach_the_english_model(nlp):
    arabic = ArticleDraft(text="قال الناطق باسم الحركة حازم قاسم إن المفاوضات متوقفة.", language="ar")
    english = ArticleDraft(text="Hazem Qassem said the talks had stalled.", language="en")
    ar, en = annotate_many([arabic, english], nlp)
    assert ar.quotes[0].speaker == "Hazem Qassem"
    assert en.quotes and en.quotes[0].speaker == "Hazem Qassem"


def test_cross_script_key_joins_spellings_and_keeps_namesakes_apart():
    assert cross_script_key("إسماعيل هنية") == cross_script_key("Ismail Haniyeh")
    assert cross_script_key("رندة موسى") == cross_script_key("Randa Mousa")
    assert cross_script_key("خليل الحية") != cross_script_key("Hamza al-Hayya")
    assert same_person_across_scripts("أسامة حمدان", "Usama Hamdan")
    assert not same_person_across_scripts("أسامة حمدان", "Mustafa Hamdan")


def test_an_unreadable_actors_file_names_itself(tmp_path):
    bad = tmp_path / "actors.toml"
    bad.write_text("[[person]]\nname = 'Nobody'\n", encoding="utf-8")
    with pytest.raises(ActorsError, match="actors.toml"):
        load_actors(str(bad))


def test_words_glued_around_a_lost_link_are_cut_apart():
    # Scraped pages drop the spaces around a link: the outlet's name and the إنّ after it stick to
    # the speaker's name, which must still come out alone.
    draft, ann = _annotate("قال الخبير الاقتصادي سامر حداد للميادينإنّ الأسعار سترتفع في الشتاء المقبل.\n\n"
                           "وذكر محللالميادين في بيروت أنّ الليرة تراجعت.")
    quote = _quote(draft, ann, "الأسعار سترتفع")
    assert quote.speaker == "سامر حداد"
    assert "Al Mayadeen" in {e.name for e in ann.entities}


def test_a_complementizer_glued_to_a_name_is_cut_but_the_article_is_not():
    from cliptrace.extract.arabic.tokens import words_of

    assert [w.text for w in words_of("أكدت الوزيرة ليلى منصوربأنّ الخطة جاهزة")][3:6] == ["منصور", "بأنّ", "الخطة"]
    assert [w.text for w in words_of("الإنسان العراقية للإنتاج")] == ["الإنسان", "العراقية", "للإنتاج"]


def test_the_outlet_spoken_to_is_not_the_speaker():
    draft, ann = _annotate("التقت الناشطة هدى سليم بالصحفيين في رام الله. وشدّدت للميادين على أنّ "
                           "\"الأهالي لن يغادروا أرضهم مهما طال الحصار\".")
    quote = _quote(draft, ann, "الأهالي لن يغادروا")
    assert quote.speaker != "Al Mayadeen"


def test_a_dual_with_the_conjunction_counts_and_keeps_its_own_category():
    draft, ann = _annotate("استشهد شاب وجريحان في قصف على بلدة العين الخضراء.\n\n"
                           "واعتقلت القوات فجراً ثلاثة شبان وأسيرين محررين من القرية.")
    figures = {draft.text[f.start:f.end]: (f.value, f.category) for f in ann.figures}
    assert figures["وجريحان"] == (2, "injured")
    assert figures["وأسيرين"] == (2, "detained")


def test_a_dual_of_people_to_whom_nothing_happened_is_not_a_figure():
    draft, ann = _annotate("وقف حارسان عند باب المبنى بينما يبتسم جنديان للمصورين.")
    assert [draft.text[f.start:f.end] for f in ann.figures] == []


def test_a_given_name_that_begins_with_waw_keeps_it():
    # و is stripped as "and" only when the word is not itself a listed word: وليد is a name, and
    # وحيد ("sole", also a name) after an indefinite role is an adjective, not a person.
    draft, ann = _annotate("وجدد المجلس تمسكه بالمنظمة كممثل شرعي وحيد لشعبنا في الوطن والشتات.\n\n"
                           "وقال الأسير المحرر وليد حمدان إنّ ظروف الاعتقال تزداد سوءاً.")
    people = {e.name for e in ann.entities if e.type == "person"}
    assert people == {"وليد حمدان"}
    assert _quote(draft, ann, "ظروف الاعتقال").speaker == "وليد حمدان"


def test_a_name_ends_before_a_common_word():
    # Names run on over words that are no name: a verbal noun, a noun, an accusative adverb.
    draft, ann = _annotate("ونفّذ الشهيد خليل عودة عملية إطلاق نار قرب الحاجز ليل الجمعة.\n\n"
                           "وباركت الفصائل العملية التي نفّذها الشهيد خليل عودة رداً على اقتحام المخيم.")
    people = [(e.name, len(e.mentions)) for e in ann.entities if e.type == "person"]
    assert people == [("خليل عودة", 2)]


def test_an_organisation_or_a_source_ends_before_a_common_word():
    # A figure's source and an organisation stop where the verb's object starts; a definite head
    # (الحكومة) takes no indefinite word after it.
    draft, ann = _annotate("وأعلنت شرطة الاحتلال وقوع 3 إصابات في الهجوم، بينما نفت الحكومة إكمال التحقيق.")
    assert [f.source for f in ann.figures] == ["شرطة الاحتلال"]
    assert [e.name for e in ann.entities if "إكمال" in e.name] == []


def test_a_feminine_cue_never_reports_a_man():
    # "وقالت" after a man's name (here the man whose sacking she demands) is not his: the quotation
    # goes to the woman who spoke before.
    draft, ann = _annotate("وقالت مراسلة القناة إنّ الاشتباكات مستمرة منذ الفجر، وطالبت بإقالة وزير الأمن، "
                           "سامي حداد، فوراً، وقالت: \"لقد انفلتت الأمور في الشوارع كلها\".")
    assert _quote(draft, ann, "انفلتت الأمور").speaker == "مراسلة القناة"


def test_a_cue_that_disagrees_with_every_candidate_leaves_the_speaker_empty():
    draft, ann = _annotate("قالت الوزيرة ليلى حداد إنّ المولدات ستتوقف خلال ساعات.\n\n"
                           "وأضاف أنّ الطواقم تعمل على إصلاح الخطوط منذ الصباح.\n\n"
                           "وأصدر الأسرى بياناً في السجن، مؤكدين أنّ إضرابهم سيستمر حتى تلبية مطالبهم.")
    assert _quote(draft, ann, "الطواقم تعمل").speaker is None
    assert _quote(draft, ann, "إضرابهم سيستمر").speaker is None


def test_the_one_whose_arrest_is_demanded_is_not_the_speaker():
    draft, ann = _annotate("وقال المتحدث باسم اللجنة فراس عودة إنّ الحشود طالبت باعتقال الضابط سامي حداد، "
                           "وقال: \"لن نعود إلى بيوتنا قبل محاكمته أمام الجميع\".")
    assert _quote(draft, ann, "لن نعود إلى بيوتنا").speaker == "فراس عودة"


def test_an_organisation_named_in_quotation_marks_after_the_cue_is_the_speaker():
    # 'وقالت "…" في بيان، إنّ …': the marked words are the speaker's name, the quotation follows.
    draft, ann = _annotate("وقال مدير النادي سامر عودة إنّ الزيارات ممنوعة منذ أسبوع.\n\n"
                           "وقالت \"جمعية أنصار الأسرى والمعتقلين\" في بيان مقتضب، إنّ قوات الاحتلال نقلت "
                           "عشرة معتقلين إلى العزل الانفرادي.")
    assert not [q for q in ann.quotes if draft.text[q.start:q.end] == "جمعية أنصار الأسرى والمعتقلين"]
    assert _quote(draft, ann, "قوات الاحتلال نقلت").speaker == "جمعية أنصار الأسرى والمعتقلين"


def test_the_preposition_between_is_no_reporting_verb():
    # بين ("between") is spelled like بيّن ("showed"); unvowelled, it is the preposition.
    draft, ann = _annotate("قالت الصحيفة إنّ المفاوضات متعثرة منذ أشهر.\n\n"
                           "وكشف المحلل سامي حداد أنّ اللقاء بين الوزيرين \"سبقته اتصالات هاتفية عدة بعيداً عن الإعلام\".")
    assert _quote(draft, ann, "سبقته اتصالات").speaker == "سامي حداد"


def test_a_person_takes_the_gender_of_the_cue_that_names_them():
    # ريتا is no listed name, but "تحدثت مراسلة …، ريتا كوهين" shows a woman: "ويضيف" is not hers.
    draft, ann = _annotate("وتحدثت مراسلة الشؤون السياسية في الصحيفة، ريتا كوهين، عن \"أزمة ثقة عميقة بين الحكومة "
                           "والجيش\".\n\nويضيف: \"لا أحد في القيادة يملك خطة واضحة للخروج من هذا المأزق\".")
    assert _quote(draft, ann, "أزمة ثقة عميقة").speaker == "ريتا كوهين"
    assert _quote(draft, ann, "لا أحد في القيادة").speaker is None


def test_a_written_subject_the_rules_do_not_know_is_nobody_rather_than_the_previous_speaker():
    draft, ann = _annotate(
        "قال مدير المستشفى سليم عواد إنّ المولدات ستتوقف خلال ساعات.\n\n"
        "وقال كرومبيتش إنّ الشحنة الأولى من الوقود ستصل غداً.\n\n"
        "وأضاف، في حديث للإذاعة، أنّ الطواقم تعمل ليلاً ونهاراً.\n\n"
        "«لن نسمح بتكرار ما جرى في الشتاء الماضي أبداً»، قال هيرشكوفيتس.")
    assert _quote(draft, ann, "المولدات ستتوقف").speaker == "سليم عواد"
    assert _quote(draft, ann, "الشحنة الأولى").speaker is None  # "كرومبيتش" is written, not known
    assert _quote(draft, ann, "الطواقم تعمل").speaker is None  # "وأضاف" goes on with him
    assert _quote(draft, ann, "لن نسمح بتكرار").speaker is None


def test_nothing_written_after_the_cue_keeps_the_previous_speaker_who_agrees():
    draft, ann = _annotate(
        "قال مدير المستشفى سليم عواد إنّ المولدات ستتوقف خلال ساعات.\n\n"
        "وأضاف، في حديث للإذاعة أمس، أنّ الطواقم تعمل ليلاً ونهاراً.\n\n"
        "وأكد ضرورة إدخال الوقود فوراً، مشيراً إلى أنّ المرضى في خطر.\n\n"
        "وأضافت أنّ الأطباء لم يناموا منذ يومين.")
    assert _quote(draft, ann, "الطواقم تعمل").speaker == "سليم عواد"
    assert _quote(draft, ann, "المرضى في خطر").speaker == "سليم عواد"
    assert _quote(draft, ann, "الأطباء لم يناموا").speaker is None  # "وأضافت" is not him


def test_a_family_name_after_the_cue_is_the_earlier_speaker_it_ends():
    draft, ann = _annotate(
        "قال رئيس بلدية المدينة السابق يورام فالدمان إنّ السكان غاضبون من القرار.\n\n"
        "وقال مسؤول في الشرطة إنّ التحقيق ما زال مستمراً.\n\n"
        "وأضاف فالدمان أنّ الحكومة تجاهلت كل التحذيرات.")
    first = _quote(draft, ann, "السكان غاضبون")
    assert _quote(draft, ann, "الحكومة تجاهلت").speaker == first.speaker


def test_a_family_name_after_the_cue_is_the_earlier_speaker_named_beside_a_role():
    draft, ann = _annotate(
        "أكد رئيس اتحاد المزارعين، وارن غرينبرغ، أنّ المحصول تراجع هذا العام.\n\n"
        "وقالت مصادر في الوزارة إنّ الدعم سيتأخر.\n\n"
        "وأضاف غرينبرغ أنّ المزارعين لن ينتظروا طويلاً.")
    first = _quote(draft, ann, "المحصول تراجع")
    assert _quote(draft, ann, "لن ينتظروا").speaker == first.speaker


def test_a_given_name_after_the_cue_is_the_earlier_speaker_it_starts():
    draft, ann = _annotate(
        "قال مدير الدفاع المدني مازن الحوراني إنّ النيران امتدت إلى المخازن.\n\n"
        "وقالت مصادر في البلدية إنّ الطريق أُغلق.\n\n"
        "وأضاف مازن أنّ فرقه طلبت المساعدة من المدن المجاورة.")
    assert _quote(draft, ann, "فرقه طلبت").speaker == _quote(draft, ann, "النيران امتدت").speaker


def test_the_subject_before_a_relayed_cue_speaks_not_the_one_addressed_after_it():
    draft, ann = _annotate("وأفادت الإذاعة بأنّ الوزير سامي عودة قال لمراسلها إنّ الحكومة لن تستقيل قبل الانتخابات.")
    assert _quote(draft, ann, "الحكومة لن تستقيل").speaker == "سامي عودة"


def test_words_glued_by_scraping_are_cut_where_spelling_shows_the_seam():
    draft, ann = _annotate(
        "يعاني الأسير سامر حمدانةمن آلام حادة في ظهره منذ أسابيع.\n\n"
        "وقالت وزارةالصحة اللبنانية إنّ عدد المصابين ارتفع إلى ثلاثين.\n\n"
        "وحذّر رئيس المعارضة الإسرائيليةيائير لابيد من أنّ الائتلاف سينهار قريباً.")
    assert "سامر حمدانة" in {e.name for e in ann.entities if e.type == "person"}
    assert _quote(draft, ann, "عدد المصابين").speaker == "وزارة الصحة اللبنانية"
    assert _quote(draft, ann, "الائتلاف سينهار").speaker == "Yair Lapid"


def test_a_glue_cut_keeps_words_whose_letters_only_look_like_a_seam():
    from cliptrace.extract.arabic.tokens import words_of
    text = "وَقُودًا السيىء معالجات منال فيالق فيالبيان إلىفقدان رسالةًمن"
    assert [w.text for w in words_of(text)] == [
        "وَقُودًا", "السيىء", "معالجات", "منال", "فيالق", "في", "البيان", "إلى", "فقدان", "رسالةً", "من"]


def test_basem_is_in_the_name_of_unless_a_name_goes_on_after_it():
    draft, ann = _annotate(
        "قال المتحدث الرسمي باسم الدفاع المدني إنّ الحريق أُخمد بعد ساعات.\n\n"
        "وأعلنت اللجنة، باسم الأهالي، أنّ الاعتصام سيتواصل.\n\n"
        "وقال أحد المتطوعين، الذي عُرف باسم كريستو فقط، إنّ الطرق مقطوعة.\n\n"
        "قال الدكتور باسم الخطيب إنّ المستشفى يحتاج إلى أدوية.\n\n"
        "وقال باسم عودة إنّ الوفد سيعود غداً.")
    people = {e.name for e in ann.entities if e.type == "person"}
    assert not any(name.startswith("باسم") and name not in ("باسم الخطيب", "باسم عودة") for name in people), people
    assert _quote(draft, ann, "الحريق أُخمد").speaker == "المتحدث الرسمي باسم الدفاع المدني"
    assert {"باسم الخطيب", "باسم عودة"} <= people


def test_a_quotation_after_a_verb_no_list_knows_and_another_subject_is_not_the_last_speakers():
    # "حمّل" (held responsible) is no reporting verb the rules list: the quotation after it was
    # given to whoever spoke last, here a man two sentences back. It is the syndicate's (whose
    # name the object right after it runs into).
    draft, ann = _annotate(
        "قال رئيس البلدية سامر حداد إنّ «المياه ستعود إلى الأحياء الغربية خلال يومين».\n\n"
        "وحمّلت نقابة الأطباء الإدارة «المسؤولية الكاملة عن انقطاع الدواء عن المرضى».")
    assert _quote(draft, ann, "المسؤولية الكاملة عن انقطاع").speaker.startswith("نقابة الأطباء")


def test_a_quotation_after_an_unlisted_verb_keeps_a_speaker_its_clause_names_again():
    draft, ann = _annotate(
        "قالت لجنة أهالي المعتقلين إنّ «الزيارات متوقفة منذ شهر كامل».\n\n"
        "ودعت لجنة أهالي المعتقلين المنظمات الدولية إلى «التدخل العاجل لوقف العزل الانفرادي».")
    assert _quote(draft, ann, "التدخل العاجل لوقف").speaker == _quote(draft, ann, "الزيارات متوقفة").speaker


def test_an_unlisted_verb_whose_gender_refuses_the_noun_after_it_names_its_object():
    # "طالب" (masculine) cannot have "الحكومة" (feminine) as its subject: the government is what is
    # asked, and the man who spoke before goes on.
    draft, ann = _annotate(
        "قال النائب وليد صبري إنّ «القانون الجديد يظلم صغار المزارعين».\n\n"
        "كما طالب الحكومة بـ«تأجيل تطبيق القانون حتى نهاية الموسم الزراعي».")
    assert _quote(draft, ann, "تأجيل تطبيق القانون").speaker == "وليد صبري"


def test_a_condemning_verb_quotes_its_subject():
    draft, ann = _annotate(
        "قال المتحدث باسم الشرطة إنّ «التحقيق ما زال جارياً».\n\n"
        "ودانت نقابة الصحافيين «الاعتداء على المصورين أثناء تغطية الاحتجاج».")
    assert _quote(draft, ann, "الاعتداء على المصورين").speaker == "نقابة الصحافيين"


def test_a_speakers_description_ends_before_the_verbs_complement():
    draft, ann = _annotate(
        "وشدّد الاتحاد على ضرورة أن «تعود المفاوضات قبل نهاية الشهر».\n\n"
        "وختمت الجمعية بالتأكيد أنّ المشروع سيستمر رغم نقص التمويل.\n\n"
        "وتابعت العائلة في رسالتها أنّ الطبيب لم يزر ابنها منذ أسبوعين.")
    assert _quote(draft, ann, "تعود المفاوضات").speaker == "الاتحاد"
    assert _quote(draft, ann, "المشروع سيستمر").speaker == "الجمعية"
    assert _quote(draft, ann, "الطبيب لم يزر").speaker == "العائلة"


def test_a_source_relayed_through_a_paper_is_the_speaker_but_a_party_represented_is_not():
    draft, ann = _annotate(
        "وذكرت صحيفة المساء عن مصادر مطلعة أنّ الاتفاق سيوقع الأسبوع المقبل.\n\n"
        "وقال عضو البرلمان عن حزب الوسط إنّ الكتلة سترفض الموازنة.")
    assert _quote(draft, ann, "الاتفاق سيوقع").speaker == "مصادر مطلعة"
    assert _quote(draft, ann, "الكتلة سترفض").speaker == "عضو البرلمان عن حزب الوسط"


def test_a_participle_after_a_clause_of_its_own_is_not_the_sentences_first_speaker():
    # 'X said …, while Y commented …, asking: "…"': the question is Y's, never X's.
    draft, ann = _annotate(
        "وقال الوزير كمال نصار إنّ «الخطة ستنفذ كما هي»، فيما علّق رئيس المعارضة على كلامه، "
        "متسائلاً: «من سيدفع ثمن هذه الخطة؟»")
    assert _quote(draft, ann, "من سيدفع ثمن").speaker != "كمال نصار"


def test_the_given_name_dan_is_no_condemning_verb():
    draft, ann = _annotate("وقال السفير الأميركي السابق دان شابيرو إنّ «المفاوضات لم تنته بعد».")
    assert _quote(draft, ann, "المفاوضات لم تنته").speaker is not None


def test_a_masculine_verb_opening_with_ta_is_not_read_as_feminine():
    # تمسّك (held on to) is masculine: "الاتحاد" may be its subject, so the speaker before does not go on.
    draft, ann = _annotate(
        "قال رئيس البلدية سامر حداد إنّ «المياه ستعود إلى الأحياء الغربية خلال يومين».\n\n"
        "وتمسّك الاتحاد العمالي بـ«حقه الكامل في الإضراب حتى تحقيق المطالب».")
    assert _quote(draft, ann, "حقه الكامل في الإضراب").speaker != "سامر حداد"
