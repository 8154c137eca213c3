"""Administration and integrity: staff second factor (TOTP), run-time settings with a version
counter every process watches, database triggers that make `audit_events` append-only, and
practice labels that say what each practice is.

Revision ID: 0008_admin_security
Revises: 0007_notifications
"""

import sqlalchemy as sa
from alembic import op

from cicdr.models.audit_guard import install_statements, remove_statements

revision = "0008_admin_security"
down_revision = "0007_notifications"
branch_labels = None
depends_on = None

# From now on the table's labels are the ones staff see (the legal core loads them). 0002 gave
# the practices bare article numbers; these say what each practice is (a snapshot, like 0002's).
PRACTICE_LABELS = {
    "a": "a) Recusa de fornecimento de bens ou serviços",
    "b": "b) Impedimento ou limitação de atividade económica",
    "c": "c) Recusa ou condicionamento de venda ou arrendamento de imóveis",
    "d": "d) Recusa de acesso a locais abertos ao público",
    "e": "e) Recusa ou limitação de acesso a cuidados de saúde",
    "f": "f) Recusa ou limitação de acesso a estabelecimento de educação",
    "g": "g) Constituição de turmas ou classes discriminatórias",
    "h": "h) Recusa ou limitação de acesso à fruição cultural",
    "i": "i) Prática de órgão, serviço ou agente do Estado que limite um direito",
    "j": "j) Declarações públicas que ameacem, insultem ou aviltem",
}


def _relabel_practices(old_of: dict[str, str], new_of: dict[str, str]) -> None:
    """Change a practice's label only where it still is the old one (an admin's is kept)."""
    for code, new in new_of.items():
        op.execute(sa.text("UPDATE vocabulary_terms SET label = :new WHERE vocabulary = "
                           "'practice' AND code = :code AND label = :old")
                   .bindparams(new=new, code=code, old=old_of[code]))


def upgrade() -> None:
    # Plain ADD COLUMNs, even on SQLite: a batch that rebuilt `users` would have to drop it,
    # which SQLite refuses while complaints, drafts... reference its rows (foreign keys on).
    # Hence the default as the literal '0' (an SQL expression would make Alembic rebuild);
    # PostgreSQL reads '0' as false.
    op.add_column("users", sa.Column("totp_secret", sa.String(32), nullable=True))
    op.add_column("users", sa.Column("totp_last_step", sa.Integer(), nullable=True))
    op.add_column("users", sa.Column("require_2fa", sa.Boolean(), nullable=False,
                                     server_default="0"))
    op.create_table(
        "settings",
        sa.Column("key", sa.String(60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "settings_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settings_version")),
    )
    version = sa.table("settings_version", sa.column("id"), sa.column("version"))
    op.bulk_insert(version, [{"id": 1, "version": 1}])
    for statement in install_statements(op.get_bind().dialect.name):
        op.execute(statement)
    _relabel_practices({c: f"Art. 4.º, n.º 2, alínea {c})" for c in PRACTICE_LABELS},
                       PRACTICE_LABELS)


def downgrade() -> None:
    _relabel_practices(PRACTICE_LABELS,
                       {c: f"Art. 4.º, n.º 2, alínea {c})" for c in PRACTICE_LABELS})
    for statement in remove_statements(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_table("settings_version")
    op.drop_table("settings")
    for column in ("require_2fa", "totp_last_step", "totp_secret"):
        if op.get_bind().dialect.name == "sqlite":  # SQLite 3.35+ drops a column in place
            op.execute(f"ALTER TABLE users DROP COLUMN {column}")
        else:
            op.drop_column("users", column)
