"""Thai text handling shared by the crawler, the document extractor, the rule engine and reports.

thai.text: normalize(), skeleton(), digits, Thai ratio, TIS-620 mojibake repair.
thai.dates: Thai dates, Buddhist-era years, fiscal years, months named in text, Thai formatting.
thai.entities: person names, LAO positions, phones, e-mails, addresses.
"""
