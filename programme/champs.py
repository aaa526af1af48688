"""Form fields every app uses in place of Django's own, where Django lets a hostile value reach the database."""

from django import forms
from django.core.exceptions import ValidationError


class ChoixMultiples(forms.ModelMultipleChoiceField):
    """Several rows chosen by id. A value that cannot be an id of its rows (a number beyond the column's range) is
    refused with the field's own message before any query: SQLite cannot compare it and failed with a 500."""

    def _check_values(self, value):
        modele = self.queryset.model._meta
        champ = modele.get_field(self.to_field_name) if self.to_field_name else modele.pk
        for valeur in value:
            try:
                champ.clean(valeur, None)
            except ValidationError:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": valeur}) from None
        return super()._check_values(value)
