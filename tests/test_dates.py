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
    ("Officials met on Thursday.", "2022-05-12", [("Thursday", "2022-05-05")]),
    ("Inspectors arrived yesterday.", "2020-03-01", [("yesterday", "2020-02-29")]),
    ("Talks open today.", "2020-03-01", [("today", "2020-03-01")]),
    ("Prices rose last month.", "2021-01-15", [("last month", "2020-12")]),
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
    ("in January-April of last year", "2019-06-01", [("January-April of last year", "2018-01/2018-04")]),
    ("in 2015-2017", None, [("2015-2017", "2015/2017")]),
    ("12,000 tonnes in March-June 2011, against 9,000 tonnes in the same period of 2010", None,
     [("March-June 2011", "2011-03/2011-06"), ("the same period of 2010", "2010-03/2010-06")]),
    ("in the first half, up on the same period last year", "2022-08-10",
     [("the first half", "2022-01/2022-06"), ("the same period last year", "2021-01/2021-06")]),
    # not dates
    ("The 2019-20 season ended with 3,000 tonnes.", None, []),
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
