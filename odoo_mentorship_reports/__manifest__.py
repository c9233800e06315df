{
    "name": "Mentorship Reports (Наставничество: отчёты)",
    "summary": "Printable documents of the mentorship programme: pair card, orders, monitoring",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Mentorship",
    "website": "https://github.com/odoo-mentorship/odoo_mentorship",
    "author": "Odoo Mentorship Team",
    "license": "LGPL-3",
    "depends": ["odoo_mentorship", "web"],
    "data": [
        "report/mentorship_pair_card_report.xml",
        "report/mentorship_pair_card_templates.xml",
    ],
    "installable": True,
    "auto_install": False,
}
