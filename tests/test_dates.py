"""Case table for date resolution: snippet + publication date -> (surface, ISO value)."""

import pytest

from kb.extract.dates import find_dates

CASES = [
    # absolute
    ("The treaty was signed on 14 March 2019 in Lima.", None, [("14 March 2019", "2019-03-14")]),
    ("It entered into force July 4, 1998.", None, [("July 4, 1998", "1998-07-04")]),
    ("The port reopened on Sept. 3, 2021.", None, [("Sept. 3, 2021", "2021-09-03")]),
    ("Trade talks began in October 2011.", None, [("October 2011", "2011-10")]),
    ("Coffee sales slowed in 2016.", None, [("2016", "2016")]),
    ("The decree dated 2022-11-05 applies.", None, [("2022-11-05", "2022-11-05")]),
    ("Signed on 05.04.2021 in Minsk.", None, [("05.04.2021", "2021-04-05")]),
    ("The ministers met on 12 February.", "2021-06-01", [("12 February", "2021-02-12")]),
    ("The ferry resumes on 20 June.", "2021-06-01", [("20 June", "2021-06-20")]),
    # relative
    ("The deal was signed on Monday.", "2022-05-12", [("Monday", "2022-05-09")]),
    ("Officials met on Thursday.", "2022-05-12", [("Thursday", "2022-05-12")]),  # the day of a Thursday story
    ("Officials met on Wednesday.", "2022-05-12", [("Wednesday", "2022-05-11")]),
    ("Inspectors arrived yesterday.", "2020-03-01", [("yesterday", "2020-02-29")]),
    ("Talks open today.", "2020-03-01", [("today", "2020-03-01")]),
    ("Prices rose last month.", "2021-01-15", [("last month", "2020-12")]),
    # the year so far up to a month's end
    ("By the end of April, exports had doubled.", "2026-05-21", [("the end of April", "2026-01/2026-04")]),
    ("As of end-June 2025, stocks were low.", "2026-05-21", [("As of end-June 2025", "2025-01/2025-06")]),
    # "through September" alone is the year so far (American usage); after a month it ends a range
    ("Korea took 12,000 tons through September.", "2026-11-10", [("September", "2026-01/2026-09")]),
    ("Sales ran from June through September.", "2026-11-10", [("from June through September", "2026-06/2026-09")]),
    # a season told as its year: "last season" is the year before publication's
    ("Buyers took 9 million kg last season.", "2026-09-03", [("last season", "2025")]),
    ("Prices were higher this season.", "2026-09-03", [("this season", "2026")]),
    ("Farmers planted early in the previous campaign.", "2026-09-03", [("the previous campaign", "2025")]),
    ("The bridge opened last October.", "2021-09-15", [("last October", "2020-10")]),
    ("The bridge opened last October.", "2021-11-15", [("last October", "2021-10")]),
    ("Exports peaked in March of this year.", "2019-08-30", [("March of this year", "2019-03")]),
    ("Output fell earlier this year.", "2019-08-30", [("earlier this year", "2019")]),
    ("Sales recovered in November.", "2019-08-30", [("November", "2018-11")]),
    ("Sales recovered in April.", "2019-08-30", [("April", "2019-04")]),
    ("The agency reported this last week.", "2024-02-14", [("last week", "2024-02-05/2024-02-11")]),
    ("Growth slowed last year.", "2024-02-14", [("last year", "2023")]),
    # periods
    ("Cocoa exports in February-April 2018 rose.", None, [("February-April 2018", "2018-02/2018-04")]),
    ("between March and September the volume grew", "2017-10-02", [("between March and September",
                                                                     "2017-03/2017-09")]),
    ("between October and December", "2017-03-02", [("between October and December", "2016-10/2016-12")]),
    ("in the third quarter of 2015", None, [("the third quarter of 2015", "2015-07/2015-09")]),
    ("in the first quarter", "2016-05-20", [("the first quarter", "2016-01/2016-03")]),
    ("in the second half of 2012", None, [("the second half of 2012", "2012-07/2012-12")]),
    ("in the first nine months of this year", "2013-10-20", [("the first nine months of this year",
                                                             "2013-01/2013-09")]),
    ("in the last three months of 2014", None, [("the last three months of 2014", "2014-10/2014-12")]),
    ("in the first ten days of March", "2015-03-20", [("the first ten days of March",
                                                       "2015-03-01/2015-03-10")]),
    ("from Feb. 1 to late April", "2010-05-01", [("from Feb. 1 to late April", "2010-02/2010-04")]),
    ("between 3 and 9 May 2019", None, [("3 and 9 May 2019", "2019-05-03/2019-05-09")]),
    ("between July and November 2008", None, [("between July and November 2008", "2008-07/2008-11")]),
    ("in Q3 2017 and in H1 2018", None, [("Q3 2017", "2017-07/2017-09"), ("H1 2018", "2018-01/2018-06")]),
    # "until August", "up to the month of August": the year so far, as "through August" (but "up to January 11"
    # is the day a period told before ends)
    ("exported until August and up to the month of May", "2026-09-18",
     [("August", "2026-01/2026-08"), ("up to the month of May", "2026-01/2026-05")]),
    # a statistics table's heading: "4th qtr. 2025", the year without "of"
    ("4th qtr. 2025 | 2025", None, [("4th qtr. 2025", "2025-10/2025-12"), ("2025", "2025")]),
    # business news' fused codes: the first n months, a half, a quarter of a two-digit year
    ("5M26 imports rose; 1H25 sales and 3Q25 output; 12M25", None,
     [("5M26", "2026-01/2026-05"), ("1H25", "2025-01/2025-06"), ("3Q25", "2025-07/2025-09"), ("12M25", "2025")]),
    ("a 5M tonne target for model 3M25X", None, []),
    # a span of years end to end; two years compared after a change stay two dates
    ("Between 2019 and 2023, Peru shipped", None, [("Between 2019 and 2023", "2019/2023")]),
    ("in the seasons from 2020-21 to 2024-25", None, [("from 2020-21 to 2024-25", "2020/2025")]),
    ("exports rose 9% from 2024 to 2025", None, [("2024", "2024"), ("2025", "2025")]),
    ("from 2019 to 2023 tonnes", None, [("2019", "2019")]),
    ("in January-April of last year", "2019-06-01", [("January-April of last year", "2018-01/2018-04")]),
    ("signed in April of the last year", "2024-03-29", [("April of the last year", "2023-04")]),
    ("exports for November 1-25 rose", "2025-11-26", [("November 1-25", "2025-11-01/2025-11-25")]),
    ("Nov. 1–20, 2025 exports", None, [("Nov. 1–20, 2025", "2025-11-01/2025-11-20")]),
    ("bought 45,000 tonnes for December shipment", "2025-11-26", [("December", "2025-12")]),
    ("for February-loading cargoes", "2025-11-26", [("February", "2026-02")]),
    ("shipped in December", "2025-11-26", [("December", "2024-12")]),
    ("in 2015-2017", None, [("2015-2017", "2015/2017")]),
    ("12,000 tonnes in March-June 2011, against 9,000 tonnes in the same period of 2010", None,
     [("March-June 2011", "2011-03/2011-06"), ("the same period of 2010", "2010-03/2010-06")]),
    ("in the first half, up on the same period last year", "2022-08-10",
     [("the first half", "2022-01/2022-06"), ("the same period last year", "2021-01/2021-06")]),
    # a range ending on a day starts on its first month's first day; one ending on a month's last day is months
    ("In the same October-January 11 period", "2026-01-14", [("October-January 11", "2025-10-01/2026-01-11")]),
    ("From April 2025 to 31 January 2026", None, [("From April 2025 to 31 January 2026", "2025-04/2026-01")]),
    # a period followed by its own days in brackets is those days
    ("in the first eight months of the current calendar year (March 21-November 21), officials said", "2026-12-02",
     [("March 21-November 21", "2026-03-21/2026-11-21")]),
    # "since the start of 2026": from its January to the month published
    ("Exports have reached 2.1 million tons since the start of 2026.", "2026-05-17",
     [("the start of 2026", "2026-01/2026-05")]),
    # a month standing for its own trade: "June by itself accounted for …", "March alone saw …"
    ("June by itself accounted for 214 tons, and March alone saw 90.", "2026-07-13",
     [("June", "2026-06"), ("March", "2026-03")]),
    # two months in a row after "in" are a span; months apart stay two months
    ("Sales rose in January and February 2026.", "2026-03-16", [("January and February 2026", "2026-01/2026-02")]),
    ("It shipped more during November and December.", "2026-03-16", [("November and December", "2025-11/2025-12")]),
    ("It shipped in March and May 2026.", "2026-06-16", [("March", "2026-03"), ("May 2026", "2026-05")]),
    # the first months of the solar Hijri year, day to day (Farvardin 1 to the last day of the last month)
    ("Exports rose in the first five months of the current Iranian year.", "2026-09-02",
     [("the first five months of the current Iranian year", "2026-03-21/2026-08-22")]),
    ("It rose in the first quarter of the Iranian year 1404.", "2026-09-02",
     [("the first quarter of the Iranian year 1404", "2025-03-21/2025-06-21")]),
    # the first months of a season are counted from its goods' first month (by the flows), not from January
    ("It rose in the first ten months of the 2025/26 season.", "2026-05-20", [("2025/26 season", "2025/2026")]),
    # not dates
    ("The 2019-20 season ended with 3,000 tonnes.", None, [("2019-20 season", "2019/2020")]),
    ("Prices may rise as the march continues.", "2020-01-01", []),
    ("Shipments grew 2019 percent?", None, []),
    ("It cost $2,015 per tonne.", None, []),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_find_dates(text, published, expected):
    found = [(text[d.start:d.end], d.value) for d in find_dates(text, published)]
    assert found == expected


def test_relative_dates_need_a_publication_date():
    assert find_dates("signed on Friday", None) == []


# ---------------------------------------------------------------- relative and partial dates (issue 7)
# Each case: invented snippet, publication date -> every date found, as (surface, ISO value).

RELATIVE_DAYS = [  # resolved against publication; a weekday is the latest one before it
    ("The accord was signed yesterday in Dakar.", "2024-03-05", [("yesterday", "2024-03-04")]),
    ("Customs chiefs meet today in Accra.", "2024-03-05", [("today", "2024-03-05")]),
    ("The ministers signed the protocol on Friday.", "2024-03-05", [("Friday", "2024-03-01")]),
    ("Officials met last Tuesday.", "2024-03-07", [("last Tuesday", "2024-03-05")]),
    ("Officials met last Tuesday.", "2022-02-22", [("last Tuesday", "2022-02-15")]),
    ("Talks resume this Friday.", "2024-03-05", [("this Friday", "2024-03-08")]),
    ("The treaty was signed this Friday (14) in Lima.", "2023-07-17", [("this Friday (14)", "2023-07-14")]),
    ("The deal was inked on Thursday (29).", "2024-03-04", [("Thursday (29)", "2024-02-29")]),
    ("They met on Friday (15).", "2024-03-04", [("Friday (15)", "2024-03-01")]),  # no such Friday: as "on Friday"
    ("Inspectors return next Monday.", "2024-03-05", [("next Monday", "2024-03-11")]),
]

RELATIVE_PERIODS = [  # weeks, months and years around publication
    ("Inspections began earlier this month.", "2024-03-05", [("earlier this month", "2024-03")]),
    ("Prices fell last month.", "2024-03-05", [("last month", "2024-02")]),
    ("Prices fell last month.", "2024-01-05", [("last month", "2023-12")]),
    ("Exports grew this year.", "2024-03-05", [("this year", "2024")]),
    # a solar Hijri year runs from March 21: 1404 began in 2025; "the past Iranian year" is the one before the running
    ("Exports grew in the Iranian calendar year 1404.", "2026-06-09",
     [("Iranian calendar year 1404", "2025-03/2026-03")]),
    ("Exports grew in the past Iranian year.", "2026-06-09", [("the past Iranian year", "2025-03/2026-03")]),
    ("Exports grew in the past Iranian year.", "2026-02-09", [("the past Iranian year", "2024-03/2025-03")]),
    # the months of an Iranian year told again in brackets: the bracketed days are the period
    ("Exports rose in the first two months of the current Iranian year (March 21-May 21).", "2026-06-09",
     [("March 21-May 21", "2026-03-21/2026-05-21")]),
    ("Exports fell last year.", "2024-03-05", [("last year", "2023")]),
    ("A second round is due later this year.", "2024-03-05", [("later this year", "2024")]),
    ("Duties rise next month.", "2024-12-05", [("next month", "2025-01")]),
    ("The terminal opened last June.", "2024-03-05", [("last June", "2023-06")]),
    ("The pact was signed in April this year.", "2024-08-05", [("April this year", "2024-04")]),
]

QUARTERS_AND_HALVES = [  # without a year: the latest such part begun by publication
    ("Exports grew in the first half.", "2024-09-26", [("the first half", "2024-01/2024-06")]),
    ("Imports slowed in the second half.", "2024-03-26", [("the second half", "2023-07/2023-12")]),
    ("Sales in Q1 2023 rose.", None, [("Q1 2023", "2023-01/2023-03")]),
    ("Sales in Q1 rose.", "2024-02-10", [("Q1", "2024-01/2024-03")]),
    ("Sales in Q4 rose.", "2024-02-10", [("Q4", "2023-10/2023-12")]),
    ("Sales in Q3 of last year fell.", "2024-02-10", [("Q3 of last year", "2023-07/2023-09")]),
    ("Margins in H1 2022 held.", None, [("H1 2022", "2022-01/2022-06")]),
    ("Volumes in 1H 2021 fell.", None, [("1H 2021", "2021-01/2021-06")]),
    ("First-half exports rose.", "2024-09-26", [("First-half", "2024-01/2024-06")]),
    ("Shipments rose in the fourth quarter of 2019.", None, [("the fourth quarter of 2019", "2019-10/2019-12")]),
]

MONTH_RANGES = [  # two months, "between", "the first days", months and weeks "to" a day
    ("Exports in January–March rose.", "2024-05-05", [("January–March", "2024-01/2024-03")]),
    ("Exports between January and April rose.", "2024-05-05", [("between January and April", "2024-01/2024-04")]),
    ("Cargo grew from March to May 2022.", None, [("from March to May 2022", "2022-03/2022-05")]),
    ("In the first ten days of June exports rose.", "2024-06-20", [("the first ten days of June",
                                                                    "2024-06-01/2024-06-10")]),
    ("Exports in the 12 months to June rose.", "2023-09-26", [("the 12 months to June", "2022-07/2023-06")]),
    ("Exports in the year to March 2023 rose.", None, [("the year to March 2023", "2022-04/2023-03")]),
    ("Sales in the three months to September fell.", "2023-10-02",
     [("the three months to September", "2023-07/2023-09")]),
    ("Stocks fell in the week to Friday.", "2024-03-04", [("the week to Friday", "2024-02-24/2024-03-01")]),
    ("Arrivals rose in the week ended March 15.", "2024-03-20",
     [("the week ended March 15", "2024-03-09/2024-03-15")]),
]

SINCE = [  # from the month named to publication, or to the end the sentence gives
    ("Exports since June reached 5,000 tonnes.", "2024-08-10", [("June", "2024-06/2024-08")]),
    ("Exports since October doubled.", "2024-02-01", [("October", "2023-10/2024-02")]),
    ("Imports since the start of the year fell.", "2024-08-10", [("the start of the year", "2024-01/2024-08")]),
    ("Some 40,000 cattle left since the border reopened in April.", "2021-07-01",
     [("the border reopened in April", "2021-04/2021-07")]),
    ("Growers sold 90,000 tonnes since the season opened in October, and buying slowed by the end of "
     "February 2019.", "2019-03-15",
     [("the season opened in October, and buying slowed by the end of February 2019", "2018-10/2019-02")]),
    ("Arrivals since 1 March totalled 800 head.", "2024-04-15", [("1 March", "2024-03-01/2024-04-15")]),
    ("Trade has doubled since 2019.", "2024-04-15", [("2019", "2019/2024")]),
    ("Trade has doubled since January 2023.", "2024-04-15", [("January 2023", "2023-01/2024-04")]),
    ("Prices have risen since the war, and in March exports fell.", "2024-05-05", [("March", "2024-03")]),
    # what a record or a first is measured against is no period
    ("Two vessels left in August, the first since March.", "2024-09-30", [("August", "2024-08")]),
    ("Prices hit their highest level since 2019.", "2024-09-30", []),
    ("It was the biggest monthly volume since June.", "2024-09-30", []),
]

PAST_MONTHS = [  # the last whole months before the month of publication
    ("Exports rose in the past five months.", "2024-07-15", [("the past five months", "2024-02/2024-06")]),
    ("Prices eased over the last three months.", "2024-07-15", [("the last three months", "2024-04/2024-06")]),
    ("Imports fell in the past 12 months.", "2024-01-15", [("the past 12 months", "2023-01/2023-12")]),
]

SEASONS_AND_FISCAL_YEARS = [  # two-year periods are the two calendar years; one fiscal year is the year named
    ("Shipments in the 2017/18 season fell.", None, [("2017/18 season", "2017/2018")]),
    ("Exports in marketing year 2022/23 rose.", None, [("2022/23", "2022/2023")]),
    ("The 2020-21 crop was small.", None, [("2020-21", "2020/2021")]),
    ("Revenue in fiscal 2022-23 rose.", None, [("2022-23", "2022/2023")]),
    ("Revenue in FY2022-23 rose.", None, [("2022-23", "2022/2023")]),
    ("Revenue in FY22/23 rose.", None, [("FY22/23", "2022/2023")]),
    ("Revenue in FY2023 rose.", None, [("2023", "2023")]),
    ("Revenue in FY23 rose.", None, [("FY23", "2023")]),
    ("The 1999-00 harvest was poor.", None, [("1999-00", "1999/2000")]),
    ("Exports over 2021-2023 doubled.", None, [("2021-2023", "2021/2023")]),
    # a season whose months the text gives is those months; the months are not a second date
    ("It shipped 232,000 t in the 2025-26 season, which runs from December to April.", None,
     [("2025-26 season", "2025-12/2026-04")]),
    ("Sales in the 2024/25 season (July-June) rose.", None, [("2024/25 season", "2024-07/2025-06")]),
    # … with words before "season", and a season that ends with a month: the twelve months up to it
    ("Sales reached 4 mln t in the 2025/26 agricultural season (September-August).", None,
     [("2025/26", "2025-09/2026-08")]),
    ("It sold 90,000 t in the 2025/26 season that ended on Aug. 31.", None, [("2025/26 season", "2025-09/2026-08")]),
    ("Exports in the 2023/24 marketing year, which ended in June, fell.", None, [("2023/24", "2023-07/2024-06")]),
    ("The 2025-26 season ending 31 March was a record.", None, [("2025-26 season", "2025-04/2026-03")]),
    ("The 2025/26 season ended with 3,000 tonnes.", None, [("2025/26 season", "2025/2026")]),  # no month: none
]

QUALIFIED_YEARS = [  # "mid", "early", "late", "the end of" keep the year's precision
    ("Output recovered in mid-2021.", None, [("2021", "2021")]),
    ("Output recovered in late 2020.", None, [("2020", "2020")]),
    ("Output dipped in early-2019.", None, [("2019", "2019")]),
    ("Stocks ran out by the end of 2019.", None, [("2019", "2019")]),
    ("Talks began at the beginning of 2020.", None, [("2020", "2020")]),
]

SHORT_YEARS = [  # a month with its year's last two digits, as trade tables write it
    ("Exports fell in Oct'26.", None, [("Oct'26", "2026-10")]),
    ("Exports fell during Jan'25-Oct'25.", None, [("Jan'25-Oct'25", "2025-01/2025-10")]),
    ("In the crop year (Oct/25 to Sep/26) exports rose.", None, [("Oct/25 to Sep/26", "2025-10/2026-09")]),
]
ISO_WEEKS = [  # "week 49": the ISO week, Monday to Sunday, of the year named or the latest begun
    ("In week 49 Chile shipped 2,100 t of cherries.", "2026-12-10", [("week 49", "2026-11-30/2026-12-06")]),
    ("Arrivals peaked in week 2 of 2026.", "2026-03-01", [("week 2 of 2026", "2026-01-05/2026-01-11")]),
    ("Arrivals peaked in week 51.", "2026-01-20", [("week 51", "2025-12-15/2025-12-21")]),
    ("Spain is due to ship in week 41.", "2026-09-16", [("week 41", "2026-10-05/2026-10-11")]),  # the nearest
    ("Prices hit a 52-week high.", "2026-01-20", []),
]
SAME_PERIOD = [  # "the same period" opening a sentence is the period just told; after a comparison, a year before
    ("Sales rose in the first half. Over the same period, imports fell.", "2026-08-01",
     [("the first half", "2026-01/2026-06"), ("the same period", "2026-01/2026-06")]),
    ("Sales rose 4% in the first half from the same period.", "2026-08-01",
     [("the first half", "2026-01/2026-06"), ("the same period", "2025-01/2025-06")]),
]
NOT_DATES = [  # numbers that are no dates
    ("It shipped 2,023 tonnes of cocoa.", "2024-03-05", []),
    ("Exports reached 2000 tonnes in 2021.", "2024-03-05", [("2021", "2021")]),
    ("The port moved 1995 containers.", "2024-03-05", []),
    ("Rice sold at Rs 2020 a quintal.", "2024-03-05", []),
    ("Protocol 2 was signed with Article 14.", "2024-03-05", []),
    ("Goods under HS 2009 paid less duty.", "2024-03-05", []),
    ("Under Vision 2030 the port will grow.", "2024-03-05", []),
    ("Trade boomed in the 1990s.", "2024-03-05", []),
    ("Regulation 2019/1020 applies to imports.", "2024-03-05", []),
    ("May the talks succeed, he said.", "2024-03-05", []),
    ("Stocks of H1N1 vaccines ran low.", "2024-03-05", []),
    ("Exports fell 20 percent in 2021.", "2024-03-05", [("2021", "2021")]),
]


@pytest.mark.parametrize(("text", "published", "expected"),
                         [*RELATIVE_DAYS, *RELATIVE_PERIODS, *QUARTERS_AND_HALVES, *MONTH_RANGES, *SINCE,
                          *PAST_MONTHS, *SEASONS_AND_FISCAL_YEARS, *QUALIFIED_YEARS, *SHORT_YEARS, *SAME_PERIOD,
                          *ISO_WEEKS, *NOT_DATES])
def test_relative_and_partial_dates(text, published, expected):
    found = [(text[d.start:d.end], d.value) for d in find_dates(text, published)]
    assert found == expected


@pytest.mark.parametrize(("text", "country", "expected"), [
    ("Sales were worth A$2 billion in the 2016-17 financial year.", "AU", [("2016-17", "2016-07/2017-06")]),
    ("Sales were worth A$2 billion in the 2016-17 financial year.", None, [("2016-17", "2016/2017")]),
    ("Exports in FY2023 rose.", "IN", [("2023", "2022-04/2023-03")]),
    ("Exports in FY2023 rose.", "JP", [("2023", "2023-04/2024-03")]),
    ("Outlays in FY23 rose.", "US", [("FY23", "2022-10/2023-09")]),
    ("Revenue in fiscal 2022-23 rose.", "PK", [("2022-23", "2022-07/2023-06")]),
    ("Exports in the 2021/22 season rose.", "AU", [("2021/22 season", "2021/2022")]),  # a crop year, not fiscal
    ("Exports in MY22/23 rose.", "US", [("MY22/23", "2022/2023")]),
    ("Exports in 2023 rose.", "AU", [("2023", "2023")]),
    ("Exports in FY2023 rose.", "FR", [("2023", "2023")]),  # a calendar fiscal year: the year named
    # "2024-25" with a two-digit end is how a country with a non-calendar fiscal year writes it; a season is not
    ("Exports reached $41bn in 2024-25.", "IN", [("2024-25", "2024-04/2025-03")]),
    ("Exports in the 2024-25 season rose.", "IN", [("2024-25 season", "2024/2025")]),
    ("Exports reached $41bn in 2024-25.", "FR", [("2024-25", "2024/2025")]),
    # months of a fiscal year written out: each month in the calendar year it falls in
    ("Exports rose in July-October of FY2023-24.", "PK", [("July-October of FY2023-24", "2023-07/2023-10")]),
    ("Exports rose in the January-March period of FY2023-24.", "PK",
     [("January-March period of FY2023-24", "2024-01/2024-03")]),
    ("Exports rose from April to June of fiscal year 2023-24.", "IN",
     [("from April to June of fiscal year 2023-24", "2023-04/2023-06")]),
    ("Exports rose in November-February of FY2022-23.", None, [("November-February of FY2022-23", "2022-11/2023-02")]),
    # the years written before "fiscal year": "the first six months of the current 2025-26 fiscal year"
    ("Earnings in the first six months of the current 2025-26 fiscal year rose.", "BD",
     [("the first six months of the current 2025-26 fiscal year", "2025-07/2025-12")]),
    ("Exports in the second quarter of the 2024/25 financial year rose.", "IN",
     [("the second quarter of the 2024/25 financial year", "2024-07/2024-09")]),
    # a fiscal year starting mid-month holds both its first and its last month (Nepal; Ethiopia's is written July-June);
    # Nepal writes its own era's years
    ("Imports rose in fiscal year 2022/23.", "ET", [("2022/23", "2022-07/2023-06")]),  # written July-June
    ("In fiscal year 2080/81, imports rose.", "NP", [("2080/81", "2023-07/2024-07")]),
    ("In fiscal year 2080/81, imports rose.", "FR", [("2080/81", "2080/2081")]),
    # … and months of such a year, from its first (mid-July: the first four months reach into mid-November)
    ("Exports rose in the first four months of the current fiscal year 2080/81 BS.", "NP",
     [("the first four months of the current fiscal year 2080/81", "2023-07/2023-11")]),
    ("Imports rose in the 2022/23 financial year.", "RW", [("2022/23", "2022-07/2023-06")]),
    # "the last fiscal year" of a country whose fiscal year is known: the one before the year running
    ("Exports rose in the last fiscal year.", "KE", [("last fiscal year", "2022-07/2023-06")]),
    ("Exports rose in the last fiscal year.", "IN", [("last fiscal year", "2022-04/2023-03")]),
    ("Exports rose this financial year.", "AU", [("this financial year", "2023-07/2024-06")]),
    ("Exports rose in the last fiscal year.", "FR", [("last fiscal year", "2023")]),
    # the fiscal years of a span, end to end
    ("In the five fiscal years from 2020-21 to 2024-25, exports rose.", "PK",
     [("from 2020-21 to 2024-25", "2020-07/2025-06")]),
])
def test_fiscal_years_of_a_known_country(text, country, expected):
    found = [(text[d.start:d.end], d.value) for d in find_dates(text, "2024-03-05", country)]
    assert found == expected


def test_dates_data_file():
    """dates.yaml: code words are strings; fiscal and marketing years are keyed by real countries, with a first
    month."""
    import pycountry
    import yaml

    from kb.extract.dates import DATA

    data = yaml.safe_load((DATA / "dates.yaml").read_text(encoding="utf-8"))
    assert all(isinstance(w, str) and w for w in data["not_year_after"])
    for code, fy in data["fiscal_years"].items():
        assert pycountry.countries.get(alpha_2=code) is not None, code
        assert set(fy) <= {"start", "named", "mid", "era"} and 2 <= fy["start"] <= 12
        assert fy.get("named", "end") in {"start", "end"} and fy.get("mid", False) in {True, False}
        assert isinstance(fy.get("era", 0), int) and 0 <= fy.get("era", 0) < 100
    for entry in data["marketing_years"]:  # HS prefixes of two digits or more; a first month by country or "*"
        assert entry["hs"] and all(isinstance(h, str) and h.isdigit() and len(h) >= 2 for h in entry["hs"])
        for code, month in entry["start"].items():
            assert code == "*" or pycountry.countries.get(alpha_2=code) is not None, code
            assert 2 <= month <= 12


@pytest.mark.parametrize(("text", "expected"), [
    ("The MoU was signed on 10/06/2024.", ["2024-06-10"]),       # day first, as most outlets write it
    ("The MoU was signed on 06/11/2024.", ["2024-06-11"]),       # 6 November is after publication: month first
    ("The MoU was signed on 2024/06/10.", ["2024-06-10"]),
    ("The deal was signed on the 10th.", ["2024-06-10"]),
    ("The deal was signed on the 20th, officials said.", ["2024-05-20"]),  # the 20th is yet to come in June
    ("It was the 10th session of the commission.", []),
])
def test_numeric_and_day_of_month_dates(text: str, expected: list[str]) -> None:
    assert [d.value for d in find_dates(text, "2024-06-12")] == expected


@pytest.mark.parametrize(("text", "country", "expected"), [
    ("in the first half (July-December) of the current fiscal year", "BD", "2023-07/2023-12"),
    ("in the first half of fiscal year 2023-24", "BD", "2023-07/2023-12"),
    ("in the second quarter of FY24", "BD", "2023-10/2023-12"),
    ("in the first half of the fiscal year", "US", "2023-10/2024-03"),
])
def test_parts_of_a_countrys_fiscal_year(text: str, country: str, expected: str) -> None:
    assert [d.value for d in find_dates(text, "2024-02-20", country=country)] == [expected]


def test_the_first_months_of_a_countrys_fiscal_year() -> None:
    text = "in the first four months (July-October) of the current fiscal year"
    assert [d.value for d in find_dates(text, "2024-11-18", country="PK")] == ["2024-07/2024-10"]


@pytest.mark.parametrize(("hs", "exporter", "text", "expected"), [
    ("5101", "AU", "Mills bought 1.6 million bales in the 2025-26 season.", "2025-07/2026-06"),
    ("080222", "TR", "Exports reached 300,000 t in the 2025/26 season.", "2025-09/2026-08"),
    ("0901", "BR", "Shipments in the 2024/25 season rose.", "2024-07/2025-06"),  # the exporter's own crop year
    ("0901", "UG", "Shipments in the 2024/25 season rose.", "2024-10/2025-09"),
    ("5101", "ZA", "Mills bought more in the 2025-26 season.", "2025/2026"),  # no custom for this exporter
    ("8703", "DE", "Car sales in the 2025/26 season rose.", "2025/2026"),  # goods sold by no season
    ("5101", "AU", "Wool worth A$3bn was sold in 2025/2026.", "2025/2026"),  # no season told: two years
])
def test_a_season_told_by_its_years_is_its_goods_marketing_year(hs, exporter, text, expected) -> None:
    from kb.extract.seasons import with_marketing_year

    assert with_marketing_year("2025/2026" if "2025" in text else "2024/2025", hs, exporter, text) == expected


def test_a_marketing_year_is_read_for_a_flow_in_a_season_story() -> None:
    from pathlib import Path

    from kb.extract import extract
    from kb.readers.document import Document

    text = "Australia exported 1.63 million bales of wool to China in the 2025-26 season, buyers said."
    facts = extract(Document(path=Path("wool.txt"), text=text, published="2026-08-13", title="Wool exports"))
    assert [(f.commodity, f.date) for f in facts.trade_flows] == [("wool", "2025-07/2026-06")]


@pytest.mark.parametrize(("value", "text", "expected"), [
    # the months so far of one season ("2025/26 (September 2025 – May 2026)") tell when every season starts
    ("2016/2017", "From the start of 2025/26 (September 2025 – May 2026) flour shipments totalled 1.5 Mt. "
                  "The record was set in 2016/17.", "2016-09/2017-08"),
    ("2024/2025", "Since the start of 2025-26 (January 2026 – April 2026) sales rose.", "2024-01/2024-12"),
    # a season said to run from one month to another
    ("2024/2025", "The campaign, which runs from June to May, closed early.", "2024-06/2025-05"),
    # a season's first and last days under a table, day before month ("Source: board, 01/04-31/03")
    ("2024/2025", "Shipments by season.\n\nSource: Prune Board, 01/04-31/03", "2024-04/2025-03"),
    # … but not two dates that do not close a year ("01/04-15/06" is a span of its own)
    ("2024/2025", "Shipments from 01/04-15/06 rose.", "2024/2025"),
    # no season's months told: the two years stay
    ("2024/2025", "Exports (January 2025 – May 2025) rose.", "2024/2025"),
])
def test_a_season_in_the_months_the_article_gives_its_seasons(value: str, text: str, expected: str) -> None:
    from kb.extract.dates import with_season_months

    assert with_season_months(value, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a period since a day, to the day it is counted "as of"
    ("Since the start of the season on August 1 and as of September 20, 2026, exports reached 3,900 t.",
     ["2026-08-01/2026-09-20"]),
    ("Since 1 July and until 15 September 2025 exports reached 12,000 t.", ["2025-07-01/2025-09-15"]),
    # months only, as before
    ("Since the start of the year and as of May 31, exports rose.", ["2026-01/2026-05"]),
    ("since the campaign opened in November, by the end of March 2026 it had shipped 4 Mt", ["2025-11/2026-03"]),
])
def test_a_period_since_a_day_as_of_another(text: str, expected: list[str]) -> None:
    assert [d.value for d in find_dates(text, "2026-09-24")] == expected
