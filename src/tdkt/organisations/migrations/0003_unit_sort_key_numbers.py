"""Unit sort keys again: numbers now compare by value ("Tổ dân phố 9" before "Tổ dân phố 18")."""

from django.db import migrations

from tdkt.common.text import collation_key


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    Unit = apps.get_model("organisations", "Unit")
    changed = []
    for unit in Unit.objects.only("id", "name", "sort_key").iterator(chunk_size=2000):
        key = collation_key(unit.name)
        if key != unit.sort_key:
            unit.sort_key = key
            changed.append(unit)
    Unit.objects.bulk_update(changed, ["sort_key"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0002_unit_note")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop, elidable=True)]
