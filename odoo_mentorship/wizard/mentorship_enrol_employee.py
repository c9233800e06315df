from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.mentorship_roles import can_read_field

# the categories HR data implies, and the field of the employee that says so
HR_CATEGORY_FIELDS = {
    "young_specialist": "is_young_specialist",
    "new_workplace": "is_new_at_school",
    "experienced_teacher": "teaching_position",
}


class MentorshipEnrolEmployee(models.TransientModel):
    """Add employees to the mentee or mentor base of a programme, with the
    categories their HR data implies (young specialist, new at this school) when
    the user may read that data (HR officers)."""

    _name = "mentorship.enrol.employee"
    _description = "Add Employees to a Mentorship Base"

    employee_ids = fields.Many2many("hr.employee", string="Employees", required=True)
    base = fields.Selection(
        [("mentee", "Mentee Base"), ("mentor", "Mentor Base")],
        required=True,
        default="mentee",
    )
    programme_id = fields.Many2one(
        "mentorship.programme",
        required=True,
        domain="[('state', 'in', ('draft', 'approved', 'running'))]",
        default=lambda self: self.env["mentorship.programme"].search(
            [("state", "=", "running"), ("company_id", "=", self.env.company.id)],
            limit=1,
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
        young = self.env.ref(
            "odoo_mentorship.category_young_specialist", raise_if_not_found=False
        )
        new = self.env.ref(
            "odoo_mentorship.category_new_workplace", raise_if_not_found=False
        )
        teacher = self.env.ref(
            "odoo_mentorship.category_experienced_teacher", raise_if_not_found=False
        )
        hr_fields = self._readable_hr_category_fields()
        for wizard in self:
            employees = wizard.employee_ids.sudo()
            categories = self.env["mentorship.category"]
            if wizard.base == "mentee":
                if (
                    young
                    and "young_specialist" in hr_fields
                    and any(employees.mapped("is_young_specialist"))
                ):
                    categories |= young
                if (
                    new
                    and "new_workplace" in hr_fields
                    and any(employees.mapped("is_new_at_school"))
                ):
                    categories |= new
            elif (
                teacher
                and "experienced_teacher" in hr_fields
                and any(employees.mapped("teaching_position"))
            ):
                categories |= teacher
            wizard.category_ids = categories

    def action_enrol(self):
        self.ensure_one()
        model = self.env[f"mentorship.{self.base}"]
        existing = model.with_context(active_test=False).search(
            [
                ("programme_id", "=", self.programme_id.id),
                "|",
                ("employee_id", "in", self.employee_ids.ids),
                ("partner_id", "in", self.employee_ids.sudo().work_contact_id.ids),
            ]
        )
        if existing:
            raise UserError(
                self.env._(
                    "%(names)s already in this base of the programme «%(programme)s».",
                    names=", ".join(existing.mapped("partner_id.name")),
                    programme=self.programme_id.name,
                )
            )
        records = model.create(self._prepare_base_vals_list())
        action = {
            "type": "ir.actions.act_window",
            "res_model": model._name,
            "name": dict(self._fields["base"]._description_selection(self.env))[
                self.base
            ],
        }
        if len(records) == 1:
            return {**action, "view_mode": "form", "res_id": records.id}
        return {
            **action,
            "view_mode": "list,form",
            "domain": [("id", "in", records.ids)],
        }

    def _prepare_base_vals_list(self):
        """The values of a base record for each employee: the person, the teacher kind,
        and the birth date and HR categories the user may know (also used by «Find a
        Mentor», which creates the mentee record of an employee)."""
        self.ensure_one()
        teacher_kind = self.env.ref("odoo_mentorship.kind_teacher")
        hr_fields = self._readable_hr_category_fields()
        may_read_birthday = can_read_field(self.env, "hr.employee", "birthday")
        vals_list = []
        for employee in self.employee_ids._origin.sudo():
            if not employee.work_contact_id:
                raise UserError(
                    self.env._(
                        "%(name)s has no work contact to add to the base.",
                        name=employee.name,
                    )
                )
            # an HR category goes only to the employees it
            # fits, if the user may know which
            own_categories = self.category_ids.filtered(
                lambda c, e=employee: c.code not in hr_fields or e[hr_fields[c.code]]
            )
            vals_list.append(
                {
                    "partner_id": employee.work_contact_id.id,
                    "employee_id": employee.id,
                    "programme_id": self.programme_id.id,
                    "kind_id": teacher_kind.id,
                    "birth_date": employee.birthday if may_read_birthday else False,
                    "category_ids": [(6, 0, own_categories.ids)],
                }
            )
        return vals_list

    def _readable_hr_category_fields(self):
        """{category code: employee field} of the HR categories
        whose data the user may read."""
        return {
            code: field_name
            for code, field_name in HR_CATEGORY_FIELDS.items()
            if can_read_field(self.env, "hr.employee", field_name)
        }
