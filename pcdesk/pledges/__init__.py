"""従業者と誓約書: the register of every worker and the pledge (誓約書) each one signed.

Follows DOMAIN.md §4: everyone working under the company's direction — directors, full-time,
contract and part-time staff, dispatched workers, seconded staff and contractor staff on
site — signs a pledge; the register shows which template version each signed and when,
who collected it and where the paper original is kept; a leaver signs the 退職時 pledge.
"""
