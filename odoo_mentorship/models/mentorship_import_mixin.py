from odoo import api, models
from odoo.models import fix_import_export_id_paths

from .ir_fields_converter import NAME_CACHE_KEY, ImportNameCache


class MentorshipImportMixin(models.AbstractModel):
    """A school's import of its bases (thousands of rows naming the same programme,
    kind, categories...): the names looked up are cached for the import."""

    _name = "mentorship.import.mixin"
    _description = "Mentorship Import"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        name_cache = self.env.context.get(NAME_CACHE_KEY)
        if isinstance(name_cache, ImportNameCache):
            # an import creating its records (and their contacts) mid-way: names
            # looked up so far may have more matches now
            name_cache.forget()
        return records

    def load(self, fields, data):
        """Import with a cache of the names looked up (programme, kind, ...): a name
        repeated on every row is resolved once per import instead of once per row."""
        uncached_models = self._import_created_models(fields)
        self = self.with_context(**{NAME_CACHE_KEY: ImportNameCache(uncached_models)})
        return super().load(fields, data)

    @api.model
    def _import_created_models(self, columns):
        """The models whose records an import of these columns creates: this model
        and the comodels of its one2many columns (as ``load()`` determines them)."""
        models_ = {self._name}
        for path in map(fix_import_export_id_paths, columns):
            model_fields = self._fields
            for name in path:
                if name in (None, "id", ".id"):
                    break
                field = model_fields.get(name)
                if field and field.type == "one2many":
                    models_.add(field.comodel_name)
                    model_fields = self.env[field.comodel_name]._fields
        return models_
