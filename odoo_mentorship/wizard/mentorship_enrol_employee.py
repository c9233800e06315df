from odoo import api, fields, models
from odoo.exceptions import UserError


class MentorshipEnrolEmployee(models.TransientModel):
    """Add employees to the mentee or mentor base of a programme, with the
    categories their HR data implies (young specialist, new at this school)."""

    _name = "mentorship.enrol.employee"
    _description = "Add Employees to a Mentorship Base"

    employee_ids = fields.Many2many("hr.employee", string="Employees", required=True)
    base = fields.Selection(
        [("mentee", "Mentee Base"), ("mentor", "Mentor Base")], required=True, default="mentee"
    )
    programme_id = fields.Many2one(
        "mentorship.programme",
        required=True,
        domain="[('state', 'in', ('draft', 'approved', 'running'))]",
        default=lambda self: self.env["mentorship.programme"].search(
            [("state", "=", "running"), ("company_id", "=", self.env.company.id)], limit=1
        ),
    )
    category_ids = fields.Many2many(
        "mentorship.category",
        string="Categories",
        compute="_compute_category_ids",
        store=True,
        readonly=False,
        help="Pre-set from the employees' experience; applied to every employee added.",
    )

    @api.depends("employee_ids", "base")
    def _compute_category_ids(self):
        young = self.env.ref("odoo_mentorship.category_young_specialist", raise_if_not_found=False)
        new = self.env.ref("odoo_mentorship.category_new_workplace", raise_if_not_found=False)
        teacher = self.env.ref("odoo_mentorship.category_experienced_teacher", raise_if_not_found=False)
        for wizard in self:
            employees = wizard.employee_ids.sudo()
            categories = self.env["mentorship.category"]
            if wizard.base == "mentee":
                if young and any(employees.mapped("is_young_specialist")):
                    categories |= young
                if new and any(employees.mapped("is_new_at_school")):
                    categories |= new
            elif teacher and any(employees.mapped("teaching_position")):
                categories |= teacher
            wizard.category_ids = categories

    def action_enrol(self):
        self.ensure_one()
        model = self.env[f"mentorship.{self.base}"]
        existing = model.with_context(active_test=False).search([
            ("programme_id", "=", self.programme_id.id),
            "|",
            ("employee_id", "in", self.employee_ids.ids),
            ("partner_id", "in", self.employee_ids.sudo().work_contact_id.ids),
        ])
        if existing:
            raise UserError(
                self.env._(
                    "%(names)s already in this base of the programme «%(programme)s».",
                    names=", ".join(existing.mapped("partner_id.name")),
                    programme=self.programme_id.name,
                )
            )
        teacher_kind = self.env.ref("odoo_mentorship.kind_teacher")
        vals_list = []
        for employee in self.employee_ids.sudo():
            if not employee.work_contact_id:
                raise UserError(
                    self.env._("%(name)s has no work contact to add to the base.", name=employee.name)
                )
            own_categories = self.category_ids.filtered(
                lambda c, e=employee: (c.code != "young_specialist" or e.is_young_specialist)
                and (c.code != "new_workplace" or e.is_new_at_school)
            )
            vals_list.append({
                "partner_id": employee.work_contact_id.id,
                "employee_id": employee.id,
                "programme_id": self.programme_id.id,
                "kind_id": teacher_kind.id,
                "birth_date": employee.birthday,
                "category_ids": [(6, 0, own_categories.ids)],
            })
        records = model.create(vals_list)
        action = {
            "type": "ir.actions.act_window",
            "res_model": model._name,
            "name": dict(self._fields["base"]._description_selection(self.env))[self.base],
        }
        if len(records) == 1:
            return {**action, "view_mode": "form", "res_id": records.id}
        return {**action, "view_mode": "list,form", "domain": [("id", "in", records.ids)]}
