"""Bulk copies of real operational records for the KPI benchmark.

``clone(env, table, template_ids, total, day0, days, children)`` copies the rows ``template_ids``
of ``table`` until ``total`` rows exist as copies, spreading every date of the copies over
``days`` days from ``day0`` (keeping the time of day), and copies their child rows
(``children``: list of (child table, foreign key column)) onto the new parents. Plain SQL inside
the benchmark's transaction: the copies are as real as their templates, only many more, and
everything is rolled back at the end.
"""

from odoo.tools import SQL


def _columns(cr, table):
    cr.execute(
        """SELECT column_name, data_type FROM information_schema.columns
            WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position""",
        (table,),
    )
    return cr.fetchall()


def _select_list(columns, alias, day0, days, key, overrides):
    parts = []
    for name, data_type in columns:
        if name in overrides:
            parts.append(SQL(overrides[name]))
        elif name in ("create_date", "write_date"):
            parts.append(SQL("%s.%s", SQL.identifier(alias), SQL.identifier(name)))
        elif data_type in ("date", "timestamp without time zone"):
            moved = SQL(
                "(%s::timestamp + (%s %% %s) * interval '1 day'"
                " + (%s.%s - date_trunc('day', %s.%s)))",
                day0,
                key,
                days,
                SQL.identifier(alias),
                SQL.identifier(name),
                SQL.identifier(alias),
                SQL.identifier(name),
            )
            cast = SQL("::date") if data_type == "date" else SQL("")
            parts.append(SQL("%s%s", moved, cast))
        else:
            parts.append(SQL("%s.%s", SQL.identifier(alias), SQL.identifier(name)))
    return SQL(", ").join(parts)


def clone(env, table, template_ids, total, day0, days, children=(), overrides=None):
    """Copy ``template_ids`` rows of ``table`` ``total`` times in all; returns the new ids."""
    cr = env.cr
    if not template_ids or total <= 0:
        return []
    env.flush_all()
    copies = -(-total // len(template_ids))
    cr.execute(SQL("SELECT COALESCE(max(id), 0) FROM %s", SQL.identifier(table)))
    base = cr.fetchone()[0]
    mapping = f"bench_map_{table}"
    cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(mapping)))
    cr.execute(
        SQL(
            """CREATE TEMP TABLE %s AS
               SELECT old_id, %s + row_number() OVER (ORDER BY k, old_id) AS new_id
                 FROM unnest(%s::int[]) AS old_id, generate_series(1, %s) AS k
                LIMIT %s""",
            SQL.identifier(mapping),
            base,
            list(template_ids),
            copies,
            total,
        )
    )
    columns = _columns(cr, table)
    names = SQL(", ").join(SQL.identifier(name) for name, _type in columns)
    values = _select_list(columns, "t", day0, days, SQL("m.new_id"), overrides or {})
    cr.execute(
        SQL(
            """INSERT INTO %s (id, %s)
               SELECT m.new_id, %s FROM %s m JOIN %s t ON t.id = m.old_id""",
            SQL.identifier(table),
            names,
            values,
            SQL.identifier(mapping),
            SQL.identifier(table),
        )
    )
    cr.execute(
        SQL(
            "SELECT setval(%s, (SELECT max(id) FROM %s))",
            f"{table}_id_seq",
            SQL.identifier(table),
        )
    )
    for child, fk in children:
        child_columns = _columns(cr, child)
        child_names = SQL(", ").join(SQL.identifier(name) for name, _type in child_columns)
        child_values = _select_list(
            child_columns, "c", day0, days, SQL("m.new_id"), {fk: "m.new_id"}
        )
        cr.execute(
            SQL(
                """INSERT INTO %s (%s)
                   SELECT %s FROM %s m JOIN %s c ON c.%s = m.old_id""",
                SQL.identifier(child),
                child_names,
                child_values,
                SQL.identifier(mapping),
                SQL.identifier(child),
                SQL.identifier(fk),
            )
        )
    cr.execute(SQL("SELECT new_id FROM %s", SQL.identifier(mapping)))
    new_ids = [row[0] for row in cr.fetchall()]
    env.invalidate_all()
    return new_ids
