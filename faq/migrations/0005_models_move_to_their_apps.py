# The models that moved to assistant, insights and simhelp leave faq's state; no table changes.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('faq', '0004_insights'),
        ('assistant', '0001_initial'),
        ('insights', '0001_initial'),
        ('simhelp', '0001_initial'),
    ]

    operations = [
        # Only Django's state forgets them: the tables now belong to assistant, insights and
        # simhelp (their 0001 migrations took them over).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='answerrule',
                    name='card_type',
                ),
                migrations.RemoveField(
                    model_name='answerrule',
                    name='carrier',
                ),
                migrations.DeleteModel(
                    name='ContentVersion',
                ),
                migrations.RemoveConstraint(
                    model_name='feedback',
                    name='one_vote_per_client_per_day',
                ),
                migrations.DeleteModel(
                    name='Feedback',
                ),
                migrations.RemoveConstraint(
                    model_name='handledquery',
                    name='one_handled_query_per_key',
                ),
                migrations.DeleteModel(
                    name='HandledQuery',
                ),
                migrations.RemoveField(
                    model_name='historicalanswerrule',
                    name='card_type',
                ),
                migrations.RemoveField(
                    model_name='historicalanswerrule',
                    name='carrier',
                ),
                migrations.RemoveField(
                    model_name='historicalanswerrule',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalsynonymgroup',
                    name='history_user',
                ),
                migrations.RemoveConstraint(
                    model_name='pageview',
                    name='one_page_view_per_key',
                ),
                migrations.DeleteModel(
                    name='PageView',
                ),
                migrations.RemoveIndex(
                    model_name='searchlog',
                    name='search_log_day_language',
                ),
                migrations.RemoveConstraint(
                    model_name='searchlog',
                    name='one_search_log_per_key',
                ),
                migrations.RemoveConstraint(
                    model_name='searchlog',
                    name='search_log_count_is_the_sum_of_outcomes',
                ),
                migrations.DeleteModel(
                    name='SearchLog',
                ),
                migrations.DeleteModel(
                    name='SynonymGroup',
                ),
                migrations.DeleteModel(
                    name='AnswerRule',
                ),
                migrations.DeleteModel(
                    name='HistoricalAnswerRule',
                ),
                migrations.DeleteModel(
                    name='HistoricalSynonymGroup',
                ),
            ],
        ),
    ]
