from django import forms
from django.utils.translation import gettext_lazy as _


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Uw opmerking"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
