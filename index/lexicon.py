"""The words the analysis rules read: verbs of speech, role and body nouns, pronouns, name parts.

Data only, in the style of spaCy's ``lang/en/stop_words.py``: each list is a frozenset of
lowercase words with a comment saying why it exists. Where two lists share words for the same
reason, the shared words are written once and both lists are built from them. Entity labels
and punctuation stay with the rules that read them; place names are in ``data/places.txt``.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`, as a set."""
    return frozenset(text.split())


# ---- verbs of speech ------------------------------------------------------------------------

# Lemmas of verbs that report speech. Belief verbs (think, believe, feel) are left out:
# they report a state of mind, not a statement someone made.
REPORTING_VERBS = _words(
    """
    say tell add note explain warn caution stress insist write mention conclude argue claim
    declare state announce urge call suggest admit acknowledge assert emphasize emphasise
    point reply respond continue report tweet post confirm deny ask agree recall promise
    pledge vow predict complain contend maintain reiterate repeat observe comment allege
    testify concede remark inform reveal boast accuse charge demand propose recommend
    estimate disclose indicate answer counter retort quip joke lament describe
    express voice threaten brief signal proclaim affirm speak advise hint confess
    """
)
# Verbs that report only a document's statement ("leaked documents show he took …", "the
# study found that …", "polls showed that …"): with a person or a thing for subject, none.
DOCUMENT_VERBS = _words("show find")
# Verbs that report the finding or ruling of a body that inquires or judges ("the Audit Commission
# found …", "the High Court ruled that …", "law lords ruled that …"): only with such a body (one
# of `FINDING_BODY_NOUNS`) for subject, or "it" for "find" ("It found the flag topped the list").
RULING_VERBS = _words("rule")
FINDING_BODY_NOUNS = _words(
    """
    committee commission inquiry court tribunal watchdog ombudsman panel jury judge judges
    regulator auditor inspectorate coroner inquest
    """
)
# Verbs that report a statement only through a content of one shape (a stance noun's clause,
# "talked about" an action, "cited X as", "blasted X for", a document's finding): never a
# quotation's cue, never the speaker's next move inside another content.
CONTENT_CUE_VERBS = DOCUMENT_VERBS | RULING_VERBS | _words("talk highlight cite blast slam criticise criticize condemn")
# Verbs that deny or dispute: negated ("did not deny", "would not rule out") they still report a
# stand the speaker took, unlike a negated "say" or "promise", which reports none.
DENIAL_VERBS = _words("deny dispute contest refute rebut reject rule")
# Verbs of speaking whose negation is a refusal to speak ("would not say", "did not comment"):
# what follows is no statement at all.
REFUSAL_VERBS = _words(
    "say tell comment confirm disclose reveal discuss elaborate specify answer respond explain detail"
)
# Verbs of declining, whose infinitive of speech is no statement ("declined to comment").
DECLINE_VERBS = _words("decline refuse")
# Auxiliaries that make a cue hypothetical ("could argue", "might say"): no statement. "will say"
# (a speech given out in advance) and "would later write" are left out: they report one.
MODAL_AUXILIARIES = _words("could might may should must can ca")
# Words that negate a cue ("did not say", "never said"), or its subject ("neither X nor Y", "nobody").
NEGATIONS = _words("not n't never no nor neither nobody none")
# Nouns of a statement whose owner and content the phrase names ("Trump's claim that there
# have been …", "his promise to cut taxes"): a reported statement without a verb.
SPEECH_NOUNS = _words(
    """
    claim assertion allegation promise pledge vow warning insistence denial suggestion remark
    argument contention admission accusation prediction threat demand statement
    """
)
# Nouns of words said that a sentence ending in a colon may introduce a quotation with, naming
# whose they are ("Sanders made the following comment:", "how the website rated this statement by
# Trump on June 11:"): the owner is the speaker though no reporting verb is there.
INTRODUCING_NOUNS = SPEECH_NOUNS | _words("comment word message tweet post response reply answer speech quote")
# Nouns of a stance whose that-clause is what was said ("expressed concerns that …", "voiced
# fears that …"): a verb that never reports a clause of its own does through them.
STANCE_NOUNS = _words("concern fear doubt hope worry belief view confidence frustration anger alarm message")
# Verbs that introduce a quotation but never a reported clause ("he continued: …").
QUOTE_ONLY_VERBS = frozenset({"continue", "describe", "express", "voice", "brief", "answer"})
# Verbs whose reported content is an infinitive ("called on Kyiv to …", "urged them to …",
# "told his advisers to …", "agreed to clean up …").
INFINITIVE_VERBS = _words("call urge ask promise pledge vow threaten demand tell warn agree")
# Verbs whose reported content can be a bare noun phrase ("proposed a 15 percent rate",
# "mentioned disparaging remarks …", "stressed her support of …", "has denied any involvement")
# or a gerund ("proposes allowing parents to …", "has admitted using the tax code").
NOUN_CONTENT_VERBS = _words(
    "propose demand recommend mention stress emphasize emphasise acknowledge deny admit announce reveal disclose"
    " confirm reiterate note"
)
# Verbs whose content is the object of a preposition ("spoke of the legacy of racism",
# "complained about his microphone", "warned against hackers", "pointed to Britain's decision",
# "admitted to a sense of frustration", "hinted at a deal").
PREPOSITION_CONTENT_VERBS = {
    "speak": ("of", "about"),
    "talk": ("about", "of"),
    "complain": ("about", "of"),
    "warn": ("against", "about", "of"),
    "point": ("to",),
    "comment": ("on",),
    "admit": ("to",),
    "confess": ("to",),
    "hint": ("at",),
}
# Verbs whose content can be a gerund but not a bare noun ("suggested looking at …").
GERUND_CONTENT_VERBS = _words("suggest")
# Verbs of accusing: the content is the accused and the charge ("accused the GOP of stoking …").
ACCUSING_VERBS = _words("accuse charge")
# Verbs of blame: the content is the one blamed and what for ("blasted him for not paying tax",
# "criticised the council for its delays"); without "for", the object alone is no statement.
BLAMING_VERBS = _words("blast slam criticise criticize condemn")
# Verbs that give a thing as a reason or an example: the content is the thing and what it is
# given as ("has repeatedly cited the audit as the reason he is not …"); without "as", none.
CITING_VERBS = _words("cite")
# Verbs whose object is the person spoken to; in the passive their subject is the listener.
ADDRESS_VERBS = _words("ask tell urge inform question brief advise remind assure warn call")
# Verbs of the writer's own newsroom frame ("…, TURAN's Washington correspondent reports").
JOURNALIST_VERBS = frozenset({"report", "write"})
# Reporting verbs that double their last consonant when inflected ("admitted", "quipping").
DOUBLED_FINAL_CONSONANT = _words("admit quip commit regret omit submit refer prefer concur rebut")
# Irregular past forms of reporting verbs (every form listed is tagged as a past tense).
IRREGULAR_FORMS = {
    "say": ("said", "says"),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"),
}

# ---- clause words ---------------------------------------------------------------------------

# Openers of a reduced clause with no subject of its own ("When asked whether …, Kirby said").
REDUCED_CLAUSE_OPENERS = _words("when whenever if once after while before until")
# Subordinators of a clause that stays inside the reported content when the parse hangs it
# on the reporting verb ("said there remains a difference, when it comes to …").
CONTENT_CLAUSE_MARKS = _words("when because if unless until since although though while whereas so")
# Words that may stand between a speaker and the reporting verb ("Novak has since admitted").
BETWEEN_SUBJECT_AND_VERB = _words(
    "has have had also since later again previously once then repeatedly recently earlier already first"
)

# ---- people and their roles -----------------------------------------------------------------

# Forms of address before a personal name ("Mr Putin", "Dr. Berg", "Sen. Warren").
HONORIFICS = _words("mr mrs ms miss mx dr prof sir dame lord lady gen col lt sgt capt rev fr sen rep gov")
# The forms of address that are nothing else: never part of a body's name or a role ("Lord" is in
# "Lord Chancellor", "Dr" in "Dr Martens"). One inside a name the tagger ran together starts a
# person's name: "… the relief deal with Tanzania Mr Brown said" (no comma after the opening phrase).
ADDRESS_FORMS = _words("mr mrs ms miss mx")
# Honorifics and ranks that say the person's sex ("Mrs Howard" is not "Michael Howard"). Ranks
# that do not (President, Senator, Dr) are not here.
MALE_HONORIFICS = _words(
    """
    mr mister sir lord baron earl duke prince king emperor sultan sheikh pope father brother
    monsieur herr senor
    """
)
FEMALE_HONORIFICS = _words(
    """
    mrs ms miss madam madame mme mlle dame lady baroness countess duchess princess queen empress
    sister mother frau senora senorita
    """
)
# Peerages, written before a name as a form of address, not an office ("minister Baroness Scotland").
PEERAGE_TITLES = _words("lord lady baron baroness earl countess viscount marquess duke duchess")
# Ranks and styles held by one person ("Lord Osborne", "Prince Charles", "President Carter"):
# a mention with one joins a full name only where that person is known to hold it.
RANK_TITLES = PEERAGE_TITLES | _words(
    "sir dame prince princess king queen emperor empress sultan sheikh emir pope president"
)
# Ranks written before a given name, not a surname ("Sir Alan" is Sir Alan Budd, "Prince Charles").
FIRST_NAME_TITLES = _words("sir dame prince princess king queen")
# Letters and titles written after a name ("Ian MacDonald QC", "Paul Boateng MP"): a role, no name part.
POST_NOMINALS = _words("qc kc mp msp mep am mla td obe mbe cbe kbe dbe frs jr sr")
# Party names that are plural though the tagger may call them a person ("the Lib Dems" is no one).
PLURAL_PARTY_NAMES = _words("dems tories democrats republicans greens")
# Those that are a seat someone holds: after "the" they stand for a person ("The MEP said"), whatever
# the tagger makes of the capitals ("am" and "td" are words too, left out; a QC is a rank, like a
# barrister, and "the QC representing the fishermen" may be anyone).
POST_NOMINAL_POSTS = _words("mp msp mep mla")
# ... and their plurals, which the tagger may call singular common nouns ("Cross-party MPs said").
POST_NOMINAL_PLURALS = frozenset(post + "s" for post in POST_NOMINAL_POSTS)
# Words that open a run glued before a name and belong to a role, beyond TITLE_WORDS
# ("MSP Karen Whitefield", "Assistant Chief Constable David Warcup", "Lawyer Louise Christian").
NAME_LEAD_WORDS = POST_NOMINALS | _words(
    """
    constable inspector superintendent detective rt hon rev reverend lawyer barrister solicitor
    farmer campaigner candidate councillor peer backbencher leader treasurer
    """
)
# Role nouns that state a person's sex, for agreement with he/she (an honorific does it too).
MALE_ROLE_NOUNS = _words("spokesman chairman congressman businessman councilman alderman husband father son brother")
FEMALE_ROLE_NOUNS = _words(
    "spokeswoman chairwoman congresswoman businesswoman councilwoman wife mother daughter sister widow"
)
# Seats a person is elected to, for a place ("the Labour MP for Birkenhead", "the congressman from
# Ohio"): a seat goes with any party post or ministry its holder has or had ("Former Cabinet
# minister Douglas Hogg" is "the Tory MP for Sleaford"), and the place after "for" or "from" is a
# constituency, not a body of its own.
SEAT_NOUNS = _words("mp msp mep am mla td councillor candidate congressman congresswoman assemblyman lawmaker")
POLITICAL_POSTS = _words("minister secretary leader chancellor whip spokesman spokeswoman spokesperson")
# Role nouns a body's unnamed voice goes by: with its body ("the council spokesman", "a DfES
# official") it stands for itself, never for a person named earlier for something else.
ANONYMOUS_ROLES = _words(
    "spokesman spokeswoman spokesperson official source aide adviser advisor insider staffer representative"
)
# Those who speak for a body; "a spokesman said" with no body of its own speaks for the body
# the sentence before is about.
SPOKESPERSON_NOUNS = _words("spokesman spokeswoman spokesperson")
# Offices one person holds at a time: "the prime minister" is not someone the article calls
# "Shadow Chancellor" (generic roles, "official", "minister", "aide", conflict with none).
OFFICE_TITLES = _words(
    """
    president prime chancellor mayor governor senator judge premier king queen prince pope
    congressman congresswoman speaker ambassador commissioner
    """
)
# Words that make a title another office than the one without them: "Deputy Prime Minister
# John Prescott" is not "the prime minister", nor "Shadow Chancellor X" "the chancellor".
RANK_QUALIFIERS = _words("deputy shadow vice former ex assistant junior under")
# Offices written short, as their words in full ("The PM said": the prime minister).
OFFICE_ABBREVIATIONS = {"pm": ("prime", "minister")}
# Role nouns that head a title before a name ("Foreign Minister X") and that, after "the",
# stand for a person named earlier ("the minister said"): in TITLE_WORDS and PERSON_NOUNS.
ROLE_NOUNS = _words(
    """
    official spokesman spokeswoman spokesperson secretary minister president coordinator
    director adviser advisor ambassador envoy leader diplomat chairman chairwoman chair
    governor senator general commander chief premier chancellor prime representative
    congressman congresswoman lawmaker mayor attorney aide negotiator analyst professor
    founder executive ceo king queen prince pope judge
    """
)
# Title words that only modify a role ("former", "top", "foreign", "press"): alone, before a
# capitalised word, they are an adjective or a preposition ("under Article 21", "party Congress").
ROLE_MODIFIERS = _words(
    """
    former top senior acting vice under shadow national security foreign interior finance economy
    communications press affairs first party cabinet opposition
    """
)
# The field of a ministry or office, in a title ("defence minister", "Minister of Foreign
# Affairs"): in TITLE_WORDS and OFFICE_WORDS.
PORTFOLIOS = _words("defence defense foreign affairs interior finance justice economy security")
# Newsroom roles: titles of a name ("correspondent Jane Doe") and the writer's own frame.
NEWSROOM_ROLES = frozenset({"correspondent", "reporter", "journalist"})
# Words that make a run of words before a name (or in apposition to it) a role, not a name.
TITLE_WORDS = (
    ROLE_NOUNS
    | ROLE_MODIFIERS
    | PORTFOLIOS
    | NEWSROOM_ROLES
    | _words(
        """
        presidents ministers chairperson head congressmember deputy officer counterpart princess
        speaker mp pm editor manager presidential assistant undersecretary intelligence emperor
        sheikh emir ayatollah commissioner spy admiral marshal colonel major captain lieutenant
        sergeant chancellery activist member head-of-state lady archbishop bishop cardinal
        rabbi imam
        """
    )
)
# Title words that alone mark a role: "spokesman", "deputy", "assistant", "member".
ROLE_HEADS = TITLE_WORDS - ROLE_MODIFIERS
# Role nouns that, with a definite article, stand for a named person mentioned earlier.
PERSON_NOUNS = ROLE_NOUNS | _words(
    "candidate nominee counsel lawyer strategist economist expert author politician democrat republican advocate pm"
)
# Words after "Minister of" / "Secretary of" that belong to the office, not the name.
OFFICE_WORDS = PORTFOLIOS | _words(
    """
    state health education trade energy homeland treasury commerce labor labour transport
    agriculture culture internal external home war veterans
    """
)
# Words before a role noun that make it an office of its own: "prime" minister, "home" or
# "foreign" secretary, "first" minister ("the foreign secretary" is not "Home Secretary X").
OFFICE_DEFINING = OFFICE_WORDS | OFFICE_TITLES | frozenset({"first"})
# Nouns for the writer's own newsroom: "TURAN's Washington correspondent reports" frames the
# article, it does not report anyone's statement.
JOURNALIST_NOUNS = NEWSROOM_ROLES | frozenset({"columnist", "stringer", "newsroom"})
# Common nouns for people or bodies that are no role (PERSON_NOUNS) or organisation (ORG_NOUNS)
# noun, and which no agent suffix shows.
PEOPLE_NOUNS = _words(
    """
    people person public police staff crowd witness critic family friend relative neighbour
    neighbor child parent mother father wife husband son daughter authority state country city
    fund court panel jury side source man woman men women boy girl lady gentleman pupil adult
    victim nurse youth couple crew lord
    """
)
# Nouns with an agent suffix that name a thing ("a letter", "the order").
NOT_AGENT_NOUNS = _words("letter order number newsletter register chapter poster paper matter filter")
# Capitalised only because they open a sentence: plural subjects that are never a name.
COMMON_SUBJECTS = _words(
    """
    officials sources analysts experts residents critics authorities observers witnesses police
    reports others many some people lawmakers diplomats leaders troops soldiers forces
    investigators prosecutors scientists researchers doctors workers voters protesters
    """
)
# Labels that head a paragraph with a colon without naming who speaks ("UPDATE: …").
NOT_SPEAKER_LABELS = _words(
    """
    update updated note editor editors correction photo photos video watch read related source
    sources see also listen more q a transcript warning disclosure advertisement caption credit
    clarification breaking exclusive opinion analysis live developing fact check
    """
)

# ---- organisations and places ---------------------------------------------------------------

# Things that speak as a source of their own ("the report says", "according to a Nielsen
# survey", "emails released by WikiLeaks show"): a document, poll or dataset is the speaker.
DOCUMENT_NOUNS = _words(
    """
    report poll survey study book memoir email e-mail letter document memo analysis data datum
    dataset statistic statistics census audit review ruling complaint filing lawsuit indictment
    affidavit ad advert advertisement commercial video clip film documentary footage transcript
    record cable website article editorial column dossier paper finding research estimate
    forecast projection tally slide submission account assessment summary textbook biography
    diary manifesto guidance guideline leaflet booklet pamphlet brochure handbook newsletter bulletin
    section chapter clause
    """
)
# Plural words that are a dataset or a record when they are what shows or finds ("official
# figures show that …", "tax returns showed he …", "the results found …"); "senior figures said"
# are people, so only as the subject of a `DOCUMENT_VERBS` verb.
DATA_PLURALS = _words("figures numbers results returns files")

# Documents that record someone's words rather than claim anything ("the transcript shows that
# Clinton talked about …", "footage shows him saying …"): what they show said is the speaker's.
RECORD_NOUNS = _words("transcript video footage clip recording tape")
# Nouns for a body that mark a capitalised run as an organisation ("State Department") and
# that, after "the", stand for one named earlier ("the ministry said"): in ORG_CUES and ORG_NOUNS.
BODY_NOUNS = _words(
    """
    company ministry department government agency embassy office group organization organisation
    committee council administration bank party kremlin pentagon commission union alliance
    institute service network board authority trust federation association charity panel tribunal
    foundation coalition watchdog court inquiry
    """
)
# Nouns that, with a definite article, stand for an organisation mentioned earlier.
ORG_NOUNS = BODY_NOUNS | _words("firm campaign team newspaper paper outlet headquarters hq")
# Nouns for a share or number of people, who speak as the people of their "of" phrase ("a
# majority of voters said", "large numbers of backbench MPs insist", "dozens of MPs warned").
QUANTITY_NOUNS = _words("majority minority number dozen hundred thousand lot half third quarter")
# Nouns for a newspaper, and the words of newspapers' names that name one alone ("the Telegraph",
# "the Guardian") or after "Daily", "Sunday" or "Evening" ("the Daily Mail", "the Evening Standard").
NEWSPAPER_NOUNS = _words("newspaper paper")
NEWSPAPER_TITLE_WORDS = _words(
    "times telegraph guardian observer mirror scotsman herald gazette tribune chronicle ft wsj sun"
)
NEWSPAPER_DAYS = _words("daily sunday evening")
DAILY_TITLE_WORDS = NEWSPAPER_TITLE_WORDS | _words("mail express star standard record post")
# Words that make a capitalised run an organisation ("State Department", "Foreign Press Center").
ORG_CUES = BODY_NOUNS | _words(
    """
    house news times post press inc ltd corp corporation co llc center centre court university
    foundation association federation parliament congress senate duma assembly fund forces army
    navy police guard command authority bureau board club league reuters journal magazine
    herald tribune gazette telegraph television tv radio channel media
    """
)
# Common nouns a name can modify when the name is a publication or company ("Kommersant newspaper").
ORG_HEAD_NOUNS = _words(
    """
    newspaper daily weekly magazine agency channel broadcaster network outlet company firm
    group party ministry bank publication tabloid website portal television radio
    """
)
# Heads of capitalised names of laws, budgets, elections and meetings ("the Budget", "the Bill",
# "the General Election", "the Criminal Justice Bill"): events and documents, not actors.
NOT_ACTOR_HEADS = _words(
    """
    budget budgets pre-budget bill bills act acts election elections by-election referendum
    manifesto manifestos summit treaty
    """
)
# ---- actors: shapes that name none (index/actors/local.py) ----------------------------------

# Role words after the field of a title ("International Development Secretary", "Shadow Home
# Secretary"): the capitalised words before one name the office, not a body.
ACTOR_ROLE_AFTER_FIELD = _words("secretary minister spokesman spokeswoman spokesperson")
# Heads of capitalised names of documents, policies, agreements and occasions, beyond
# NOT_ACTOR_HEADS ("the Common Agricultural Policy", "a White Paper", "the European Convention on
# Human Rights", "Holocaust Memorial Day"): things, not actors.
ACTOR_EVENT_HEADS = _words(
    """
    policy policies strategy agreement accord convention constitution conference paper papers
    day week programme scheme plan charter directive initiative
    """
)
# Abbreviations news capitalises that name a thing, not a body ("GCSE results", "at 1400 GMT",
# "the FTSE 100", "PE teachers", "TB cases"): no actor.
ACTOR_THING_ABBREVIATIONS = _words(
    """
    gmt bst utc ftse gcse gcses a-level a-levels ict pe tb hiv aids asbo asbos dna gdp gnp vat
    mp3 dvd cctv sats
    """
)
# Body and people words alone ("the House", "the Commission", "Royal", "the Public"): a body
# named before, or a common noun, never a body of their own; ACTOR_INSTITUTION_WORDS are the
# bodies one word does name ("Parliament", "the Treasury", "the Pentagon").
ACTOR_GENERIC_WORDS = _words("chamber community groups house media")
ACTOR_INSTITUTION_WORDS = _words(
    "parliament congress senate duma pentagon kremlin treasury government assembly bundestag knesset police"
)
# Singular nouns for a people that are no adjective ("Briton", "Scot"): their plural is a group.
ACTOR_PEOPLE_NOUNS = _words("briton scot brit pakistani israeli iraqi afghani kashmiri cypriot gibraltarian")
# Nouns after the title of a work ("the Today programme", "the Gershon report"): a title, no actor.
ACTOR_WORK_NOUNS = _words("programme programmes program show series documentary film book report review")

# Words that make a capitalised run a building or site.
FACILITY_CUES = _words("room hall building tower palace cathedral church stadium station hospital prison base")
# Words that make a capitalised run a named place that is not in the gazetteer.
LOCATION_CUES = _words(
    """
    sea ocean river lake mountains mountain island islands gulf bay street square avenue bridge
    airport region province oblast county district valley peninsula strait coast
    """
)
# Prepositions whose object is a place ("in Kyiv", "near Kharkiv").
PLACE_PREPOSITIONS = _words("in near outside inside across throughout around towards toward")
# Peoples, parties and faiths, as adjectives or singular nouns ("Russian", "Tory").
DEMONYMS = _words(
    """
    russian ukrainian american british french german chinese polish israeli palestinian iranian
    turkish european belarusian syrian japanese indian italian spanish canadian australian korean
    moldovan hungarian finnish swedish norwegian dutch saudi egyptian iraqi afghan pakistani
    mexican brazilian arab muslim jewish christian catholic western soviet lithuanian latvian
    estonian romanian serbian greek czech slovak austrian belgian swiss irish scottish welsh
    english nigerian kenyan lebanese jordanian qatari emirati yemeni libyan sudanese
    democrat republican tory tories
    """
)
# Nationality, region and faith adjectives ("British", "Welsh", "Muslim"): a property, never an actor.
NATIONALITY_ADJECTIVES = (DEMONYMS - _words("democrat republican tory tories")) | _words(
    """
    asian african caribbean hindu sikh buddhist zambian zimbabwean cypriot maltese portuguese
    danish icelandic croatian bosnian albanian georgian armenian chechen kurdish tamil bangladeshi
    nepalese somali ethiopian ghanaian ugandan tanzanian rwandan congolese south-african
    argentinian argentine chilean colombian venezuelan cuban peruvian filipino vietnamese thai
    indonesian malaysian singaporean taiwanese tibetan mongolian uzbek kazakh ulster cornish
    northern-irish anglo-irish nordic scandinavian nazi sunni shia shiite
    """
)
# Demonyms and their plurals, which name a group too ("Ukrainians", "Americans").
DEMONYM_FORMS = DEMONYMS | {d + "s" for d in DEMONYMS if not d.endswith(("sh", "ch", "ese", "ss", "tories"))}
# Capitalised words that are no part of a personal name: "East Room", "Moroccan International".
NOT_NAME_WORDS = _words(
    """
    north south east west northern southern eastern western central new old great united national
    international royal federal general supreme grand holy free democratic republic republican
    state states city world global
    """
)
# Months and weekdays, with their abbreviations: capitalised, and never a name.
CALENDAR_WORDS = _words(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    """
)

# ---- pronouns -------------------------------------------------------------------------------

# The subject pronouns that stand for one person named earlier.
PERSON_PRONOUNS = frozenset({"he", "she"})
# Those pronouns as subject or object ("he said", "told him"): a speaker to resolve, never a name.
PERSON_PRONOUN_FORMS = PERSON_PRONOUNS | {"him", "her"}
# Personal subject pronouns a reporting verb follows ("he said", "they claim"); a possessive
# ("her claims") is not a subject, and a relative "who" leads a clause about someone else.
SUBJECT_PRONOUNS = PERSON_PRONOUNS | {"i", "it", "we", "they"}
# Third-person pronouns by the sex they state, for agreement with a candidate speaker.
HE_PRONOUNS = _words("he him his himself")
SHE_PRONOUNS = _words("she her hers herself")
# Pronouns, never a name.
PRONOUNS = PERSON_PRONOUN_FORMS | SUBJECT_PRONOUNS | _words("you them his hers their its one who this that these those")
# Words that can stand as a reporting verb's subject but name no one by themselves: a speaker
# only when resolved ("it said" after a committee; "one of the Four, Gerry Conlon, said").
NON_NAMING_SUBJECTS = frozenset({"it", "one", "this", "that", "which", "what", "there"})
# What makes a speaker only alleged: "allegedly said", "is alleged (said, reported) to have told".
ALLEGING_ADVERBS = _words("allegedly reportedly purportedly supposedly")
ALLEGING_VERBS = _words("allege say report rumour rumor claim understand believe think")
# Words that open an indirect question, content that says nothing yet ("will announce which …").
INDIRECT_QUESTION_WORDS = _words("whether if which who whom whose what when where why how")
# What makes a cue one of the future: "is due (expected, set, poised, going) to announce".
PROSPECTIVE_HEADS = _words("due expect set poise go plan intend likely about")
# What makes a cue the writer's forecast of what someone will say ("is expected to announce",
# "are thought likely to propose"): a passive of these, or "likely", over it.
FORECAST_HEADS = _words("expect think believe tip predict anticipate")
# ... unless the question is the statement: "Kirby asked whether the talks would resume".
ASKING_VERBS = _words("ask wonder question query inquire enquire")
# What asks people and reports their answers ("14% of people said …" in a survey).
SURVEY_NOUNS = _words("survey poll study research questionnaire census")
# Body nouns any organisation may go on as ("the group said"); others name a kind of body ("the
# government", "the council") and go on only for a body of that name.
GENERIC_BODY_NOUNS = _words(
    "organisation organization group body firm company charity campaign agency ministry department office"
)
# Verbs that show or catch someone in the act ("showed Trump saying", "heard him saying").
SHOWING_VERBS = _words("show hear see watch catch film record capture picture depict feature")
# What shows someone speaking ("footage of Trump saying"); a report "of" a body is its author's.
RECORDINGS = _words("footage video clip film tape recording documentary advert ad commercial picture")
# Subjects that say no one spoke ("nobody is suggesting that …").
NO_ONE = _words("nobody no-one noone none")
# Reporting verbs that also infer: with a thing for subject ("it suggests that …", "which would
# indicate …"), what follows is the writer's inference, not anyone's statement.
EVIDENTIAL_VERBS = _words("suggest indicate signal hint imply mean")
# "a report by Amnesty", "a statement from the Kremlin", "a spokesman for the ministry".
ORIGIN_PREPOSITIONS = frozenset({"by", "from", "of", "for"})

# ---- addresses -----------------------------------------------------------------------------

# Extensions that make a dotted word a file name ("report_final.pdf"), not a name or a site.
FILE_EXTENSIONS = _words(
    """
    pdf doc docx xls xlsx ppt pptx csv tsv txt rtf odt ods jpg jpeg png gif svg webp tif tiff bmp
    mp3 mp4 m4a wav avi mov mkv zip rar gz tgz tar 7z exe dmg apk msi iso html htm xml json
    """
)

# ---- parts of names -------------------------------------------------------------------------

# Words before a capitalised common noun that show it is no name ("the Bill", "this Budget").
DETERMINERS = _words("the a an this that no its his her their")
# Particles inside a personal name ("Ursula von der Leyen", "Bashar al-Assad", "Erik ten Hag").
NAME_PARTICLES = _words("de del der den van von bin bint al el da di du la le ibn abu dos das ter ten")
# The tokens of a possessive ending ("Putin's", "the Americans'"): nothing after one is part of the name.
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
# A possessive ending at the end of a word or name, any case ("Putin's", "KYIV'S").
POSSESSIVE_ENDING = re.compile(r"(?:['’]s|['’])$", re.IGNORECASE)


# Kinds of occasion a report may name for its remark ("Trump saying during the debate, '…'") that a
# speaker seldom has twice in a week: two reports of one speaker, a week apart at most, that name
# the same one are taken to report one occasion (index/statements.py), so a paraphrase of the remark
# may link them. Interviews, speeches, rallies and briefings are left out: a politician gives several
# a week, and the same kind does not make them one; "hearing" too, which is as often a verb's form.
OCCASION_NOUNS = frozenset({"debate", "convention", "summit"})
