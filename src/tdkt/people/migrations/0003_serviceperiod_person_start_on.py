"""Service periods indexed by person and start date: the reports find the period in force on a
decision date for every award, and this index gives it without a sort per award on SQLite."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("people", "0002_person_sort_key_numbers")]

    operations = [
        migrations.AddIndex(
            model_name="serviceperiod",
            index=models.Index(
                fields=["person", "start_on"], name="people_serv_person__bdc611_idx"
            ),
        ),
    ]
