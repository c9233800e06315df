from odoo import api, models

NAME_CACHE_KEY = "mentorship_import_name_cache"


class ImportNameCache:
    """The records found by name during one import (one ``load()``) of a mentorship
    base, keyed by (model, field, name), so that a name repeated on every row (the
    programme, the kind) is looked up once instead of once per row.

    Only the names whose lookup cannot change during the import are kept: not those
    of the models the import itself creates (the imported model and its one2many
    lines, which ``load()`` flushes before a lookup), and a model's names are
    forgotten when one of its records may have been created from a name.

    Compared by identity: environments are reused for equal contexts, and two
    imports must never share a cache.
    """

    __slots__ = ("_found", "_uncached_models")

    def __init__(self, uncached_models):
        # {comodel: {(model, field, name): (id, field_type, warnings)}}
        self._found = {}
        self._uncached_models = frozenset(uncached_models)

    def get(self, model, field, name):
        return self._found.get(field.comodel_name, {}).get(
            (model._name, field.name, name)
        )

    def put(self, model, field, name, result):
        if field.comodel_name not in self._uncached_models:
            self._found.setdefault(field.comodel_name, {})[
                model._name, field.name, name
            ] = result

    def forget(self, comodel_name=None):
        if comodel_name is None:
            self._found.clear()
        else:
            self._found.pop(comodel_name, None)


class IrFieldsConverter(models.AbstractModel):
    _inherit = "ir.fields.converter"

    @api.model
    def db_id_for(self, model, field, subfield, value):
        """Within an import that carries an :class:`ImportNameCache` (the mentorship
        bases), resolve each many2one or many2many name once; the warnings (several
        matches) are given again for every row, and names that are not found still
        raise the same error on every row, as they are never cached."""
        cache = self.env.context.get(NAME_CACHE_KEY)
        if subfield is not None or not isinstance(cache, ImportNameCache):
            return super().db_id_for(model, field, subfield, value)
        cached = cache.get(model, field, value)
        if cached:
            record_id, field_type, warnings = cached
            return record_id, field_type, list(warnings)
        record_id, field_type, warnings = super().db_id_for(
            model, field, subfield, value
        )
        if record_id:
            name_create_fields = (
                self.env.context.get("name_create_enabled_fields") or {}
            )
            if name_create_fields.get(field.name):
                # the record may have just been created from the name: what was found
                # by name in its model may now have more matches
                cache.forget(field.comodel_name)
            cache.put(model, field, value, (record_id, field_type, tuple(warnings)))
        return record_id, field_type, warnings
