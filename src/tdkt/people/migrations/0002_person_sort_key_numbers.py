"""Person sort keys again: numbers in a name now compare by value, punctuation is ignored."""

from django.db import migrations

from tdkt.common.text import name_sort_key


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    Person = apps.get_model("people", "Person")
    changed = []
    for person in Person.objects.only("id", "full_name", "sort_key").iterator(chunk_size=2000):
        key = name_sort_key(person.full_name)
        if key != person.sort_key:
            person.sort_key = key
            changed.append(person)
    Person.objects.bulk_update(changed, ["sort_key"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop, elidable=True)]
