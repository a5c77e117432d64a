"""`kb export`: the database in the formats other tools read (CSV + Frictionless, JSON Lines, SQLite,
FollowTheMoney, UN Comtrade). Each format is one module; `selection` says which rows go out.
"""
