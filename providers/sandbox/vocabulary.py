"""The sandbox's built-in word lists: names, places, titles and the like.

Everything here is invented: people are drawn from common first and last names, e-mail domains
and phone numbers are reserved for examples (``example.com``, ``555-01xx``), and the company is
fictional. Order matters: the generator picks by index, so reordering changes every dataset.
"""

from __future__ import annotations

from typing import Final


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


ORGANIZATION_NAME: Final = "Northwind Labs"
WORK_DOMAIN: Final = "northwindlabs.example"
FILES_URL: Final = "https://files.sandbox.hiregraph.dev"
JOB_BOARD_URL: Final = "https://jobs.sandbox.hiregraph.dev/northwind-labs"
CAREERS_URL: Final = "https://careers.northwindlabs.example/jobs"

FIRST_NAMES: Final = _words(
    "James Maria Wei Aisha Carlos Sofia Liam Olivia Noah Emma Mateo Isabella Arjun Priya Kenji Yuki "
    "Fatima Omar Lucas Chloe Ethan Ava Mohammed Zara Daniel Grace Ivan Elena Kwame Amara Hiroshi Mei "
    "Diego Lucia Samuel Hannah Ahmed Leila Jonas Freya Rafael Camila Tomasz Katarzyna Oluwaseun "
    "Chioma Nikhil Ananya Sean Aoife Pierre Camille Lars Ingrid Min-jun Ji-woo Thabo Naledi Alejandro "
    "Valentina Benjamin Charlotte Henry Amelia Jack Mia Leo Nora Felix Ruby Marcus Sara David Laura "
    "Andre Nadia Victor Eva "
)

LAST_NAMES: Final = _words(
    "Smith Garcia Chen Patel Kim Nguyen Johnson Williams Brown Jones Miller Davis Rodriguez Martinez "
    "Hernandez Lopez Gonzalez Wilson Anderson Taylor Thomas Moore Jackson Martin Lee Thompson White "
    "Harris Clark Lewis Walker Young Allen Wright Scott Green Baker Adams Nelson Hill Campbell "
    "Mitchell Roberts Carter Phillips Evans Turner Torres Parker Collins Edwards Stewart Morris "
    "Murphy Cook Rogers Okafor Mensah Silva Santos Kowalski Novak Mueller Schmidt Rossi Ferrari "
    "Dubois Laurent Tanaka Suzuki Sato Yamamoto Singh Kumar Shah Ali Hassan Ivanova Petrov Larsen "
)

PERSONAL_DOMAINS: Final = ("example.com", "example.org", "example.net", "mail.example.com")

AREA_CODES: Final = ("212", "312", "415", "503", "512", "617", "646", "720", "206", "404")

CITIES: Final = _lines(
    """
San Francisco, CA, United States
New York, NY, United States
Austin, TX, United States
Seattle, WA, United States
Chicago, IL, United States
Boston, MA, United States
Denver, CO, United States
Atlanta, GA, United States
Portland, OR, United States
Los Angeles, CA, United States
Toronto, ON, Canada
Vancouver, BC, Canada
London, United Kingdom
Manchester, United Kingdom
Dublin, Ireland
Berlin, Germany
Munich, Germany
Amsterdam, Netherlands
Paris, France
Madrid, Spain
Lisbon, Portugal
Warsaw, Poland
Stockholm, Sweden
Singapore
Sydney, Australia
Tokyo, Japan
Bangalore, India
Lagos, Nigeria
Nairobi, Kenya
Sao Paulo, Brazil
"""
)

COMPANIES: Final = _lines(
    """
Globex
Initech
Umbrella Analytics
Hooli
Vandelay Industries
Stark Logistics
Wayne Fintech
Soylent Foods
Cyberdyne Systems
Tyrell Bio
Wonka Labs
Aperture Data
Pied Piper
Dunder Paper
Oscorp
Gringotts Bank
Monarch Health
Blue Sun
Massive Dynamic
Prestige Worldwide
Acme Cloud
Nakatomi Trading
Oceanic Air
Sterling Cooper
Virtucon
Bluth Company
Gekko Capital
Kramerica
Duff Brewing
Los Pollos Logistics
Rekall
Yoyodyne
Zorg Industries
Benthic Energy
"""
)

CANDIDATE_TITLES: Final = _lines(
    """
Software Engineer
Senior Software Engineer
Staff Engineer
Engineering Manager
Frontend Developer
Backend Developer
Data Scientist
Data Analyst
Product Manager
Product Designer
UX Researcher
DevOps Engineer
Site Reliability Engineer
Account Executive
Sales Development Representative
Customer Success Manager
Marketing Manager
Content Strategist
Financial Analyst
Recruiter
People Partner
QA Engineer
Mobile Developer
Solutions Architect
Technical Writer
Student
"""
)

# (name, parent index or None, job family). Parents come before their children.
DEPARTMENTS: Final = (
    ("Engineering", None, "eng"),
    ("Sales", None, "sales"),
    ("Platform", 0, "eng"),
    ("Product", None, "product"),
    ("Enterprise Sales", 1, "sales"),
    ("Marketing", None, "marketing"),
    ("Mobile", 0, "eng"),
    ("Customer Success", None, "cs"),
    ("Data", 0, "data"),
    ("Design", 3, "product"),
    ("People", None, "gna"),
    ("Finance", None, "gna"),
    ("Infrastructure", 2, "eng"),
    ("Security", 0, "eng"),
    ("Growth Marketing", 5, "marketing"),
    ("Legal", None, "gna"),
    ("Support", 7, "cs"),
    ("Machine Learning", 8, "data"),
    ("Mid-Market Sales", 1, "sales"),
    ("Talent Acquisition", 10, "gna"),
    ("Operations", None, "gna"),
    ("Developer Experience", 2, "eng"),
    ("Brand", 5, "marketing"),
    ("Analytics", 8, "data"),
)

FAMILY_CODES: Final = {
    "eng": "ENG",
    "sales": "SLS",
    "product": "PRD",
    "marketing": "MKT",
    "cs": "CS",
    "data": "DAT",
    "gna": "GNA",
}

JOB_TITLES: Final = {
    "eng": (
        "Backend Engineer",
        "Frontend Engineer",
        "Full-Stack Engineer",
        "Site Reliability Engineer",
        "Mobile Engineer",
        "Security Engineer",
        "QA Engineer",
        "Engineering Manager",
    ),
    "data": ("Data Scientist", "Data Engineer", "Machine Learning Engineer", "Analytics Engineer"),
    "product": ("Product Manager", "Product Designer", "UX Researcher", "Technical Program Manager"),
    "sales": ("Account Executive", "Sales Development Representative", "Solutions Engineer"),
    "marketing": ("Product Marketing Manager", "Content Marketing Manager", "Growth Marketer"),
    "cs": ("Customer Success Manager", "Support Engineer", "Implementation Specialist"),
    "gna": ("Financial Analyst", "Recruiter", "People Partner", "Legal Counsel", "Accountant"),
}

TEAMS: Final = {
    "eng": ("Payments", "Identity", "Core API", "Developer Tools"),
    "data": ("Insights", "ML Platform"),
    "product": ("Checkout", "Onboarding"),
    "sales": ("EMEA Sales", "North America Sales"),
    "marketing": ("Demand Generation", "Brand Studio"),
    "cs": ("Onboarding Success", "Technical Support"),
    "gna": ("Business Operations", "Talent"),
}

# (level, name prefix, yearly salary floor in thousands)
LEVELS: Final = (
    ("Junior", "Junior", 70),
    ("Mid", "", 100),
    ("Senior", "Senior", 140),
    ("Staff", "Staff", 180),
    ("Lead", "Lead", 160),
)

# (name, parent index or None, location, is_remote). Parents come before their children.
OFFICES: Final = (
    ("North America", None, "United States", False),
    ("San Francisco", 0, "San Francisco, CA, United States", False),
    ("Remote", None, "Remote", True),
    ("Europe", None, "Europe", False),
    ("London", 3, "London, United Kingdom", False),
    ("New York", 0, "New York, NY, United States", False),
    ("Remote - Europe", 2, "Remote", True),
    ("Berlin", 3, "Berlin, Germany", False),
    ("Toronto", 0, "Toronto, ON, Canada", False),
    ("Remote - Americas", 2, "Remote", True),
    ("Asia Pacific", None, "Asia Pacific", False),
    ("Singapore", 10, "Singapore", False),
    ("Austin", 0, "Austin, TX, United States", False),
    ("Sydney", 10, "Sydney, Australia", False),
    ("Dublin", 3, "Dublin, Ireland", False),
    ("Remote - APAC", 2, "Remote", True),
)

CURRENCIES: Final = {
    "London": "GBP",
    "Dublin": "EUR",
    "Berlin": "EUR",
    "Remote - Europe": "EUR",
    "Toronto": "CAD",
    "Singapore": "SGD",
    "Sydney": "AUD",
    "Remote - APAC": "SGD",
}

ACCESS_ROLES: Final = (
    "recruiter",
    "hiring_manager",
    "interviewer",
    "interviewer",
    "hiring_manager",
    "interviewer",
    "recruiter",
    "interviewer",
    "interviewer",
    "admin",
    "interviewer",
    "hiring_manager",
)

CANDIDATE_TAGS: Final = _lines(
    """
Referral
Top Talent
Silver Medalist
Boomerang
Relocation
Visa Sponsorship
Remote Only
Leadership
Python
Go
React
Kubernetes
Campus
Agency
Tech Summit 2025
Passive
Internal Candidate
Open Source
Bilingual
Fast Track
"""
)
JOB_TAGS: Final = _lines(
    """
Evergreen
Urgent
Backfill
New Headcount
Hard to Fill
Confidential Search
Diversity Sourcing
Executive
Intern Program
Q3 Plan
"""
)

REJECT_REASONS: Final = _lines(
    """
Not a fit for the role
Insufficient experience
Compensation expectations
Candidate withdrew
Position filled
Declined offer
Job closed
Did not pass technical assessment
Location or work authorization
Unresponsive
"""
)
DECLINED_OFFER: Final = REJECT_REASONS.index("Declined offer")
POSITION_FILLED: Final = REJECT_REASONS.index("Position filled")
JOB_CLOSED: Final = REJECT_REASONS.index("Job closed")

# (name, weight) of the application sources.
SOURCES: Final = (
    ("LinkedIn", 25),
    ("Company Website", 20),
    ("Referral", 14),
    ("Indeed", 10),
    ("Sourced by Recruiter", 10),
    ("Glassdoor", 6),
    ("Agency", 5),
    ("Career Fair", 5),
    ("Internal", 3),
    ("Wellfound", 2),
)
REFERRAL_SOURCE: Final = "Referral"

# Interview stages, in pipeline order: (name, kind). The first and the last are always present.
STAGES: Final = (
    ("Application Review", "review"),
    ("Phone Screen", "phone"),
    ("Technical Interview", "technical"),
    ("Hiring Manager Interview", "manager"),
    ("Onsite", "onsite"),
    ("Team Interview", "team"),
    ("Reference Check", "reference"),
    ("Offer", "offer"),
)

# Interview length in minutes and scorecard questions, per stage kind.
INTERVIEW_MINUTES: Final = {
    "phone": 30,
    "technical": 60,
    "manager": 45,
    "onsite": 60,
    "team": 45,
    "reference": 30,
}
SCORECARD_QUESTIONS: Final = {
    "phone": ("Motivation", "Communication", "Role fit"),
    "technical": ("Problem solving", "Code quality", "Technical depth"),
    "manager": ("Ownership", "Collaboration", "Role fit"),
    "onsite": ("System design", "Problem solving", "Collaboration"),
    "team": ("Collaboration", "Communication", "Values"),
    "reference": ("Reference feedback", "Would rehire"),
}
RATINGS: Final = ("1 - Well below the bar", "2 - Below the bar", "3 - Meets the bar", "4 - Raises the bar")

VIDEO_LOCATIONS: Final = ("Zoom", "Google Meet", "Microsoft Teams")

EEOC_RACES: Final = _lines(
    """
American Indian or Alaska Native
Asian
Black or African American
Hispanic or Latino
Native Hawaiian or Other Pacific Islander
White
Two or More Races
Decline to self-identify
"""
)
EEOC_GENDERS: Final = ("Female", "Male", "Non-binary", "Decline to self-identify")
EEOC_VETERAN: Final = (
    "I am not a protected veteran",
    "I identify as one or more of the classifications of protected veteran",
    "I don't wish to answer",
)
EEOC_DISABILITY: Final = (
    "No, I don't have a disability",
    "Yes, I have a disability (or previously had a disability)",
    "I don't wish to answer",
)

NOTES: Final = _lines(
    """
Strong communicator; keep warm for future roles.
Asked about remote flexibility and the on-call rotation.
Compensation expectations are above the band; flagged to the hiring manager.
Referred by a former colleague who speaks highly of their work.
Available to start after a four-week notice period.
Prefers afternoon interview slots (candidate's local time).
Great portfolio. Follow up after the product offsite.
Needs visa sponsorship; checked with legal, feasible.
"""
)
