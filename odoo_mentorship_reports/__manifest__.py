{
    "name": "Mentorship Reports (Наставничество: отчёты)",
    "summary": (
        "Printable documents of the mentorship programme: orders, plans, diaries, "
        "monitoring certificates, indicators, certificates of honour and the roadmap; "
        "the director's and the municipal coordinator's dashboards"
    ),
    "version": "18.0.1.2.0",
    "category": "Human Resources/Mentorship",
    "website": "https://github.com/odoo-mentorship/odoo_mentorship",
    "author": "Odoo Mentorship Team",
    "license": "LGPL-3",
    "development_status": "Beta",
    "maintainers": [],
    "depends": ["odoo_mentorship", "web", "spreadsheet_dashboard"],
    "data": [
        "security/ir.model.access.csv",
        "report/mentorship_pair_card_report.xml",
        "report/mentorship_pair_card_templates.xml",
        "report/mentorship_documents_report.xml",
        "report/mentorship_documents_templates.xml",
        "report/mentorship_personal_data_report.xml",
        "report/mentorship_personal_data_templates.xml",
        "report/mentorship_mentor_training_report.xml",
        "report/mentorship_mentor_training_templates.xml",
        "wizard/mentorship_diary_print_views.xml",
        "wizard/mentorship_district_monitoring_views.xml",
        "data/spreadsheet_dashboard_data.xml",
    ],
    "installable": True,
    "auto_install": False,
}
