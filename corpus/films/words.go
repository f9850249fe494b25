package films

// Word lists, one per concept. Every rule of the package reads its words
// from here, so that "a film word" means the same thing everywhere.

import "strings"

// set makes a lookup set of space-separated words.
func set(words ...string) map[string]bool {
	m := map[string]bool{}
	for _, ws := range words {
		for _, w := range strings.Fields(ws) {
			m[w] = true
		}
	}
	return m
}

// filmNouns are head nouns that make the title they stand beside a film:
// "the 1985 film Pulgasari", "Under the Sun, a documentary", "the remake
// Red Dawn", "a DVD of Comrade Kim Goes Flying".
var filmNouns = set(`film films movie movies documentary documentaries docudrama picture pictures feature features
	remake remakes sequel sequels prequel co-production coproduction co-productions cartoon cartoons animation anime
	biopic blockbuster blockbusters flick flicks short shorts dvd dvds blu-ray telefilm kaiju`)

// pluralFilmNouns speak of films in the plural: a title holding one is the
// name of a list, a season or a programme of films, not of a film.
var pluralFilmNouns = set(`films movies documentaries cinemas`)

// genreNouns are nouns of film genres: heads of a film's apposition ("the
// neorealist drama Aimless Bullet", "a spaghetti western"), weaker than
// filmNouns because a play, a novel or a series has genres too.
var genreNouns = set(`drama dramas epic epics comedy comedies thriller thrillers western westerns melodrama melodramas
	musical musicals horror noir satire romance tragedy fantasy adventure mystery war-film actioner weepie classic classics
	romcom rom-com spectacle saga adaptation adaptations production productions version`)

// genreLabels are the genres film databases and catalogues print on a
// line of their own ("Action | Drama | Fantasy", "Drama / Musical").
var genreLabels = set(`action adventure animation animated biography biopic comedy crime documentary drama family fantasy
	history historical horror music musical mystery romance sci-fi science-fiction sport sports thriller war western
	short noir film-noir melodrama propaganda war-film children's kids animation epic period martial-arts
	suspense teen experimental art-house independent`)

// seriesNouns make a title a television or film series.
var seriesNouns = set(`series serial serials miniseries mini-series sitcom sitcoms show shows soap episode episodes
	telenovela k-drama pilot`)

// bookNouns make a title a book. ("Story" and "tale" are left out: a
// review calls its film "a small scale war story" as often as a book.)
var bookNouns = set(`book books novel novels novella novellas memoir memoirs autobiography biography essay essays treatise
	poem poems collection anthology manga comic comics fable handbook textbook volume pamphlet report`)

// periodicalNouns make a title a newspaper or magazine.
var periodicalNouns = set(`newspaper newspapers magazine magazines journal journals daily weekly monthly periodical periodicals
	gazette tribune paper papers zine website blog podcast`)

// songNouns make a title a piece of music.
var songNouns = set(`song songs single singles album albums anthem anthems hymn hymns aria arias ballad track tracks ep march
	symphony concerto suite`)

// stageNouns make a title a stage work.
var stageNouns = set(`play plays opera operas ballet ballets stage musical-theatre pansori revue`)

// gameNouns make a title a game.
var gameNouns = set(`game games videogame videogames franchise`)

// eventNouns end the names of events and prizes, which carry years in
// parentheses as films do.
var eventNouns = set(`festival festivals award awards prize prizes ceremony gala galas conference congress summit exhibition
	expo olympics championship championships cup war wars revolution uprising crisis incident treaty agreement
	armistice campaign movement famine massacre election era period dynasty season programme retrospective tour
	project projects initiative strand`)

// serialHeads open the names of journals and proceedings: "Journal of
// Econometrics", "Proceedings of the National Academy of Sciences".
var serialHeads = set(`journal journals proceedings annals bulletin transactions review quarterly studies letters
	archives acta gazette`)

// placeNouns end the names of places and buildings — and of many films
// ("Shutter Island", "Annie Hall", "21 Jump Street"): weak evidence, a
// feature of its own.
var placeNouns = set(`palace square street road avenue park river mountain island province city county region hall
	house club team school station shop store player lake valley bridge tower garden gardens village harbour harbor`)

// orgNouns end the names of organisations and places, which are never
// films: "Korean Film Studio", "Shin Films", "BFI Southbank".
var orgNouns = set(`studio studios company companies corporation institute university academy agency ministry committee
	party association federation league union troupe ensemble orchestra theatre theater cinema cinemas museum library
	archive archives society group films pictures productions entertainment network channel station broadcasting press
	bank college centre center foundation council department office bureau service services co inc ltd llc
	gmbh records publishing publishers army navy command embassy consulate court senate parliament
	assembly government southbank riverfront administration authority commission corps force forces guard reserve board
	fund initiative project program programme address speech message report act bill law amendment resolution
	doctrine plan treaty accord accords declaration constitution charter pact alliance conference council`)

// roleNouns open the names of offices, never titles: "Secretary of the
// Treasury", "Minister of Culture".
var roleNouns = set(`Secretary Minister President Vice Premier Chancellor Ambassador Governor Senator Congressman
	Representative Speaker Chairman Chairwoman Commissioner Mayor Attorney Deputy Assistant Acting Admiral Colonel
	Lieutenant Bishop Cardinal Pope`)

// labelWords open the lines of credits and ratings, and name table
// columns: "Director: Kim Ki-young", "Rating: 3/5".
var labelWords = set(`director directors directed dir dir. cast starring stars screenplay writer writers written script
	producer producers produced production music score cinematography cinematographer photography editor editing
	runtime running time length duration rating ratings country countries language languages year years genre format
	colour color sound minutes mins distributor distribution sales contact companies company print source sources
	subtitles premiere original title titles role roles notes note location venue date time tickets price awards
	with also review reviewed presenter`)

// smallWords are the lower-case words a title may hold between its
// capitalised ones ("Sea of Blood", "Diamonds are Forever", "Call Me by
// Your Name").
var smallWords = set(`a an the of in on at to and or for from with by no nor is are was be as into upon over under
	without about after before between through against among de la le les du des di del della da von der die das den y e et
	en el il lo und vs vs. v. au aux zu im am`)

// openers are capitalised words that open a sentence, never a title.
var openers = set(`In His Her Their Its This That These Those Later Then After Before When While Also And But Both At With
	For By As Like Including Even Only Unlike Although Though Since Until During Meanwhile Eventually Finally Today Yet So
	If Once Now Here There It He She They We You I My Our Your One Each All Another Such Most Many Some None Nothing
	Everything Everyone Someone However Still Thus Hence Indeed Perhaps Maybe Yes No Not Why What Which Who Whom Whose
	How Where Well Oh Sadly Sure Instead Rather Again Already Just Every Any Several Other Others Few Neither Either
	Despite Because Although Whether Upon Among Against Through From To Of On Under Over Between Without Within Across
	Along Around Behind Beyond Near Toward Towards Via Per Plus Minus Thanks According Along Given Unfortunately
	Fortunately Luckily Interestingly Ultimately Originally Initially Recently Currently Previously Apparently Clearly
	Certainly Surely Naturally Obviously Basically Essentially Overall Anyway Besides Moreover Furthermore Additionally
	Otherwise Similarly Likewise Conversely Nevertheless Nonetheless Regardless Whatever Whenever Wherever Whoever Let`)

// pronouns and determiners never make a title on their own.
var pronouns = set(`It This That These Those He She They We You I Me Him Her Them Us One Each All Another There Here
	Who What Which His Their Our My Your Its The A An Some Any No None Both Either Neither`)

// contractions end in "'s" without being possessives.
var contractions = set(`let's it's that's there's here's what's who's he's she's where's how's when's why's`)

// months and weekdays make a phrase a date (English, and the German,
// French and Spanish months pages in those languages date themselves by).
var months = set(`January February March April May June July August September October November December Jan Feb Mar Apr
	Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thurs
	Fri Sat Sun
	Januar Februar März Mai Juni Juli Oktober Dezember janvier février mars avril mai juin juillet août septembre
	octobre novembre décembre Janvier Février Mars Avril Juin Juillet Août Septembre Octobre Novembre Décembre enero
	febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre`)

// countries name where a film comes from, written beside its year
// ("(North Korea, 1972)"), and are never titles themselves.
var countries = set(`korea dprk rok ussr japan china prc france italy usa us u.s. uk u.k. germany gdr frg czechoslovakia
	taiwan russia poland hungary romania bulgaria yugoslavia cuba vietnam india spain belgium netherlands holland sweden
	switzerland canada australia mongolia albania egypt austria denmark norway finland mexico brazil argentina iran
	thailand singapore philippines indonesia britain england scotland ireland wales portugal greece turkey israel chile
	laos cambodia burma myanmar pakistan iceland latvia estonia lithuania ukraine belarus syria iraq libya algeria
	nigeria kenya ethiopia america europe asia africa pyongyang seoul tokyo beijing moscow
	afghanistan angola armenia azerbaijan bahrain bangladesh benin bhutan bolivia bosnia botswana brunei burundi cameroon chad colombia congo croatia cyprus ecuador eritrea fiji gabon gambia georgia ghana grenada guatemala guinea guyana haiti honduras jamaica jordan kazakhstan kosovo kuwait kyrgyzstan lebanon lesotho liberia liechtenstein luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius moldova monaco montenegro morocco mozambique namibia nepal nicaragua niger oman panama paraguay peru qatar rwanda samoa senegal serbia seychelles slovakia slovenia somalia sudan suriname swaziland tajikistan tanzania tibet togo tonga tunisia turkmenistan uganda uruguay uzbekistan venezuela yemen zambia zimbabwe manchuria alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nevada ohio oklahoma oregon pennsylvania tennessee utah vermont virginia wisconsin wyoming`)

// demonyms are the adjectives of peoples and places: "American" alone
// ("the restoration of American shipping") is no title.
var demonyms = set(`american americans korean koreans soviet british english french german japanese chinese russian
	italian spanish mexican canadian australian indian european asian african western eastern northern southern
	north-korean south-korean polish czech hungarian cuban vietnamese mongolian swedish danish dutch belgian
	austrian swiss greek turkish israeli iranian egyptian brazilian argentine filipino thai indonesian irish
	scottish welsh portuguese norwegian finnish communist socialist`)

// cities are places a text names beside films — where they were shot,
// shown or made — and are never titles themselves (a title that is a
// city's name needs a mark or a year to be read).
var cities = set(`london paris berlin rome venice cannes busan pusan toronto sydney melbourne shanghai osaka kyoto
	madrid barcelona vienna prague budapest warsaw amsterdam brussels stockholm oslo copenhagen helsinki lisbon
	athens istanbul cairo delhi mumbai bombay kolkata calcutta bangkok hanoi manila jakarta havana chicago boston
	washington hollywood edinburgh glasgow manchester dublin montreal vancouver locarno rotterdam sundance
	kaesong wonsan nampo sinuiju hamhung panmunjom incheon daegu gwangju jeonju bucheon hiroshima nagasaki
	yokohama macau taipei saigon ulaanbaatar vladivostok leningrad petersburg munich hamburg frankfurt
	milan naples florence geneva zurich marseille lyon
	philadelphia denver detroit atlanta houston dallas seattle miami baltimore pittsburgh cleveland cincinnati honolulu anchorage portland sacramento phoenix`)

// countryPhrases are countries of more than one word.
var countryPhrases = set() // filled in init from countryList

var multiWordCountries = []string{"north korea", "south korea", "soviet union", "hong kong", "united states", "united kingdom",
	"east germany", "west germany", "great britain", "new zealand", "south africa", "sri lanka", "democratic people's republic of korea",
	"republic of korea", "people's republic of china", "czech republic", "new york", "los angeles", "san francisco",
	"karlovy vary", "mexico city", "buenos aires", "rio de janeiro", "são paulo", "sao paulo", "phnom penh",
	"st petersburg", "st. petersburg", "saint petersburg", "ho chi minh city", "new jersey", "new mexico",
	"north carolina", "south carolina", "north dakota", "south dakota", "west virginia", "rhode island", "new hampshire",
	"sri lanka", "costa rica", "el salvador", "puerto rico", "saudi arabia", "sierra leone", "ivory coast", "papua new guinea",
	"dominican republic", "central african republic", "united arab emirates", "east timor", "inner mongolia"}

func init() {
	for _, c := range multiWordCountries {
		countryPhrases[c] = true
	}
}

// koreanSurnames are common Korean family names: two or three capitalised
// words opening with one are a person ("Kim Jong-il", "Shin Sang Ok").
var koreanSurnames = set(`Kim Ri Lee Yi Rhee Pak Park Bak Choe Choi Chung Jung Jong Chong Jeong Shin Sin Han Yun Yoon Jang
	Chang Kang Cho Jo Hwang Ahn An O Oh Hong Ryu Yu Yoo Kwon Mun Moon Nam Paek Baek Rim Im Lim Jeon Jon Chon Chun Chu Kwak
	Roh No Ko Go Song Son Sohn Yang Bae Pae Seo So Suh Hyun Hyon Heo Ho Nah Na Do To Jin Chin Min Ha Ju Joo Woo U Kil Gil
	Ryom Yom Ok Om Eom Um Jegal Namgung Hwangbo`)

// firstNames are common given names: "Werner Herzog", "Anja Daelemans".
var firstNames = set(`Aaron Adam Adrian Agnes Alan Albert Alex Alexander Alexandra Alfred Alice Alicia Alison Amanda
	Amy Andrew Andy Angela Ann Anna Anne Anja Anthony Antonio Arthur Audrey Barbara Ben Benjamin Bernard Bill Billy Bob
	Bong Brad Brian Bruce Carl Carlos Carol Caroline Catherine Charles Charlie Charlotte Chris Christian Christine
	Christopher Claire Clint Colin Craig Dan Daniel Danny Dave David Dennis Diana Diane Donald Doris Dorothy Douglas
	Ed Edward Elizabeth Ellen Emily Emma Eric Eva Frank Fred Frederick Gary George Gerard Glenn Grace Greg Gregory
	Harold Harry Heath Helen Helena Henry Howard Hugh Ian Isabelle Jack Jacques Jake James Jamie Jan Jane Janet Jason
	Jean Jeff Jennifer Jeremy Jerry Jessica Jim Jimmy Joan Joe John Johnny Jon Jonathan Jordan Jose Joseph Josh Joshua
	Judi Judith Judy Julia Julian Julie Justin Karen Kate Katherine Keith Kelly Ken Kenneth Kevin Kirby Kristen Larry
	Laura Lawrence Lee Leo Leonardo Linda Lisa Louis Louise Lucy Luis Maggie Marc Margaret Maria Marie Mark Martin Mary
	Matt Matthew Maurice Max Michael Michelle Mike Nancy Nicholas Nick Nicole Nigel Oliver Pat Patrick Paul Peter Phil
	Philip Pierre Quentin Rachel Ralph Ray Raymond Rebecca Richard Rick Rob Robert Robin Roger Ron Ronald Rose Roy Ruth
	Ryan Sam Samuel Sandra Sarah Scott Sean Sergei Simon Sophie Stanley Stephen Steve Steven Stuart Susan Ted Terry
	Thomas Tim Timothy Tom Tommy Tony Victor Vincent Vitaly Walter Werner Will William Yuri Zoe Akira Hiroshi Kenji Yoko
	Takeshi Hayao Shohei Luis Luca Federico Ingmar Jean-Luc Francois François Martin Steven Sofia Greta Jordan Rian Ridley
	Denis Alfonso Guillermo Pedro Wong Ang Zhang Chen
	Abigail Ada Addison Adele Aidan Alana Alec Alfie Ali Allison Alvin Amber Amelia Ana Andrea Angelina Anita Annie Archie Ariana Arnold Ashley Austin Ava Barry Beatrice Becky Benedict Bernie Beth Betty Beverly Blake Bobby Bonnie Brenda Brendan Brett Bridget Brittany Brooke Bryan Caleb Cameron Candice Carla Carmen Carrie Casey Cate Cathy Cecilia Chad Chloe Chuck Cindy Clara Clarence Claude Claudia Clifford Cody Colleen Connor Courtney Curtis Cynthia Daisy Dakota Dale Damian Damon Dana Danielle Darren Dean Debbie Deborah Denise Derek Dominic Don Donna Drew Dustin Dwayne Dylan Earl Eddie Edgar Edith Edwin Eileen Elaine Eleanor Eli Elijah Elise Eliza Ella Ellie Elliot Elsa Elvis Emilia Emmanuel Erica Erin Ernest Ethan Eugene Evan Evelyn Faye Felicity Felix Fiona Florence Frances Francis Gabriel Gabriella Gavin Gene Geoffrey Georgia Gerald Gillian Gina Gloria Gordon Graham Grant Gwen Gwyneth Hailey Hannah Harrison Harvey Hayley Hazel Heather Heidi Hilary Holly Hope Hugo Hunter Irene Iris Isaac Isabel Isabella Ivan Jackie Jacob Jacqueline Jaime Janice Jared Javier Jay Jeanne Jeffrey Jenna Jenny Jesse Jill Joanna Jodie Joel Joey Josephine Joy Joyce Juan Jude Julianne June Kara Katie Kay Kayla Keanu Kenny Kerry Kim Kirk Kurt Kyle Lana Lance Lauren Leah Leon Leonard Leslie Liam Lila Lily Lindsay Lionel Liz Logan Lois Lorraine Lucas Luke Lydia Lynn Mackenzie Madeline Mandy Marcus Margot Marilyn Mario Marion Marlon Marshall Marvin Matilda Maureen Megan Mel Melanie Melissa Meryl Mia Michel Mila Miles Milla Miranda Molly Monica Morgan Nadia Natalie Natasha Nathan Neil Nina Noah Noel Nora Norman Olivia Omar Oscar Owen Paige Pamela Patricia Patti Paula Pauline Penelope Percy Phoebe Priscilla Rafael Randy Reese Regina Renee Rex Rhys Ricardo Riley Rita Roberta Rodney Roland Rosa Rosemary Ross Russell Ruby Rupert Sabrina Sally Samantha Sandy Sara Sasha Scarlett Selena Seth Shane Shannon Sharon Shaun Sheila Shelley Shirley Sidney Sienna Sigourney Sonia Spencer Stacy Stella Stephanie Sylvester Sylvia Tamara Tanya Taylor Teresa Tessa Theo Theodore Theresa Tiffany Tilda Toby Todd Tracy Travis Trevor Troy Tyler Uma Valerie Vanessa Vera Veronica Vicky Viola Violet Virginia Viv Vivian Wade Wallace Warren Wayne Wendy Wes Wesley Whitney Willem Wilson Winona Winston Zach Zachary Zendaya Zoey`)

// commonWords are frequent English words that are titles only when the
// text marks them ("Brave", "Boy", "Salt"): written capitalised at the
// start of a sentence they say nothing.
var commonWords = set(`about above across act action after again against age ago air all almost alone along already also
	always among and another answer any anything area around art as ask at away back bad ball bank base be beautiful
	because become bed been before began begin behind being believe below best better between big bird black blood blue
	body book born both boy bring brother brought build business but by call came can car care carry case cause center
	change child children city class clear close cold come common complete could country course cut dark day dead death
	deep did different do does dog done door down draw dream drive during each early earth east eat end enough even
	ever every example eye face fact fall family far father feel few field fight final find fire first fish five floor
	follow food for force form found four free friend from front full game gave get girl give go gold good got great
	green ground group grow had half hand happen happy hard has have he head hear heard heart help her here high him his
	hold home hope horse hot hour house how human hundred idea if important in inside into is it its just keep kind king
	know land language large last late lead learn leave left less let letter life light like line list little live long
	look love low made make man many map mark may me mean men might mind miss money moon more morning most mother move
	much must my name near need never new next night no north nothing now number of off often old on once one only open
	or order other our out over own page paper part pass past people perhaps person picture piece place plan plant play
	point power present problem pull put question quick rain ran reach read ready real red remember rest right river road
	rock room round run said salt same saw say school sea second see seem self set several shall she ship short should
	show side since sing sister sit six size sleep small snow so some something song soon sound south space special
	spring stand star start state stay still stop story street strong study such summer sun sure table take talk tell
	ten than that the their them then there these they thing think this those though thought three through time to
	today together told too took top toward town tree true try turn two under until up upon us use very voice wait walk
	want war warm was watch water way we week well went were west what when where which while white who whole why wide
	wild will wind winter with without woman women wonder word work world would write year yes yet you young your`)

// sectionNames are the headings of the parts of an article, never titles:
// "Synopsis", "Cast", "Critical reception".
var sectionNames = set() // filled from sectionNameList

var sectionNameList = []string{"synopsis", "plot", "plot summary", "story", "summary", "cast", "crew", "cast and crew", "credits",
	"reception", "critical reception", "critical response", "release", "production", "background", "development", "filming",
	"music", "soundtrack", "reviews", "review", "verdict", "the verdict", "our verdict", "final verdict", "conclusion",
	"introduction", "overview", "history", "legacy", "awards", "accolades", "box office", "home media", "themes", "analysis",
	"notes", "references", "sources", "external links", "further reading", "see also", "bibliography", "contents",
	"about", "about the film", "about the author", "the film", "the story", "trailer", "watch", "details", "info",
	"information", "screenings", "tickets", "related", "comments", "share", "tags", "categories", "menu", "navigation",
	"interview", "biography", "filmography", "early life", "career", "personal life", "death", "life", "works",
	"selected works", "quotes", "trivia", "gallery", "images", "photos", "videos", "video", "audio", "podcast",
	"rating", "ratings", "score", "pros", "cons", "the good", "the bad", "recommended", "you may also like", "more",
	"programme notes", "program notes", "programme", "program", "schedule", "venue"}

func init() {
	for _, n := range sectionNameList {
		sectionNames[n] = true
	}
}

// institutionWords inside a name make it an institution or an event,
// wherever they stand in it.
var institutionWords = set(`Festival Studio Studios Awards Academy University Institute Ministry Committee Company
	Corporation Association Department Federation Foundation Museum Archive Agency`)
