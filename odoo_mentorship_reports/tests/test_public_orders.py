"""The orders of the school's public page as PDF, logged out: an approved order the
school published, nothing else."""

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.odoo_mentorship.tests.common import MentorshipCase


@tagged("post_install", "-at_install")
class TestPublicOrders(MentorshipCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.school_1.mentorship_public_page = True
        cls.order = cls._approved(
            "programme", title="Об утверждении программы наставничества"
        )
        cls.order.with_user(cls.curator).published_on_site = True
        cls.unpublished = cls._approved(
            "programme", title="О внесении изменений в программу"
        )
        pair = cls._make_pair(cls.mentor_a, cls.mentee_c)
        cls.pairs_order = cls._approved("pairs", pair_ids=[Command.set(pair.ids)])

    @classmethod
    def _approved(cls, order_type, **vals):
        order = cls.env["mentorship.order"].create(
            {
                "order_type": order_type,
                "programme_id": cls.programme.id,
                "item_ids": [
                    Command.create({"name": "Утвердить программу наставничества."})
                ],
                **vals,
            }
        )
        order.with_user(cls.manager).action_approve()
        return order

    def _pdf(self, order, company=None):
        return self.url_open(
            f"/mentorship/{(company or self.school_1).id}/order/{order.id}.pdf"
        )

    def test_published_order_is_served(self):
        page = self.url_open(f"/mentorship/{self.school_1.id}").text
        self.assertIn(
            f'href="/mentorship/{self.school_1.id}/order/{self.order.id}.pdf"', page
        )
        self.assertNotIn(self.unpublished.title, page)
        response = self._pdf(self.order)
        self.assertEqual(response.status_code, 200)
        # the tests render the report as HTML (Odoo's test mode), the order's text in it
        self.assertIn("Утвердить программу наставничества.", response.text)

    def test_other_orders_are_not_served(self):
        self.assertEqual(self._pdf(self.unpublished).status_code, 404)
        # asked through another school's address
        self.school_2.mentorship_public_page = True
        self.assertEqual(self._pdf(self.order, self.school_2).status_code, 404)
        # the pairs order names the mentees: refused for publication, and never served
        # even if its flag were set behind the model's back
        self.env.cr.execute(
            "UPDATE mentorship_order SET published_on_site = TRUE WHERE id = %s",
            [self.pairs_order.id],
        )
        self.pairs_order.invalidate_recordset()
        response = self._pdf(self.pairs_order)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.mentee_c.partner_id.name, response.text)
        # cancelled, the published order leaves the page
        self.order.with_user(self.manager).action_cancel()
        self.assertEqual(self._pdf(self.order).status_code, 404)

    def test_no_order_without_the_page(self):
        self.school_1.mentorship_public_page = False
        self.assertEqual(self._pdf(self.order).status_code, 404)
