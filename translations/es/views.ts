<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US">
<context>
    <name>DayGlancePanel</name>
    <message>
        <source>Booked today, {day}, in time order</source>
        <extracomment>&quot;Closing soon&quot;: the window closes today or within this many days. A list&apos;s share of the height grows with its rows up to this many. A list this short shows every row, however long the others are: at 1024 x 768 &quot;Carried over (3)&quot; showed two rows and a scroll bar beside a long &quot;To book&quot; (a walk). A longer one shows two at least and scrolls; three short lists of three and a long one still fit a 768 px screen with the window.</extracomment>
        <translation>Agendadas hoy, {day}, por hora</translation>
    </message>
    <message>
        <source>Carried over: late (date passed, window open) and overdue (window closed, nothing recorded)</source>
        <translation>Pendientes de días anteriores: atrasadas (fecha pasada, ventana abierta) y vencidas (ventana cerrada, nada registrado)</translation>
    </message>
    <message numerus="yes">
        <source>To book: window open or opening within %n days, no appointment yet</source>
        <translation>
            <numerusform>Por agendar: ventana abierta o que abre en %n día, aún sin cita</numerusform>
            <numerusform>Por agendar: ventana abierta o que abre en %n días, aún sin cita</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Closing soon: window closes within %n days, nothing recorded</source>
        <translation>
            <numerusform>Por cerrar: la ventana cierra en %n día, nada registrado</numerusform>
            <numerusform>Por cerrar: la ventana cierra en %n días, nada registrado</numerusform>
        </translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Ninguna.</translation>
    </message>
</context>
<context>
    <name>MonthDayDelegate</name>
    <message>
        <source>due</source>
        <extracomment>The word shown after each visit; empty for the ordinary state of a visit in the future. English here, translated at use (``status_word``).</extracomment>
        <translation>pend.</translation>
    </message>
    <message>
        <source>late</source>
        <translation>tarde</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>vencida</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecha</translation>
    </message>
    <message>
        <source>done out of window</source>
        <translation>hecha fuera de ventana</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>no hecha</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelada</translation>
    </message>
    <message>
        <source>{month} {day}</source>
        <comment>a month&apos;s first day in the grid: Feb 1</comment>
        <translation>{day} {month}</translation>
    </message>
    <message>
        <source>today</source>
        <translation>hoy</translation>
    </message>
    <message>
        <source>closed: {reason}</source>
        <translation>cerrado: {reason}</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>cerrado</translation>
    </message>
    <message>
        <source>1 visit</source>
        <translation>1 visita</translation>
    </message>
    <message numerus="yes">
        <source>%n visits</source>
        <translation>
            <numerusform>%n visita</numerusform>
            <numerusform>%n visitas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>+%n more…</source>
        <translation>
            <numerusform>+%n más…</numerusform>
            <numerusform>+%n más…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MonthView</name>
    <message>
        <source>Every visit of the site, done ones on the day they were done · Grey: site closed · Blue: window of the selected visit · {booking}</source>
        <translation>Todas las visitas del centro, las realizadas en el día en que se hicieron · Gris: centro cerrado · Azul: ventana de la visita seleccionada · {booking}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{month}&lt;/b&gt; — %n visits</source>
        <translation>
            <numerusform>&lt;b&gt;{month}&lt;/b&gt; — %n visita</numerusform>
            <numerusform>&lt;b&gt;{month}&lt;/b&gt; — %n visitas</numerusform>
        </translation>
    </message>
    <message>
        <source>no visits</source>
        <translation>sin visitas</translation>
    </message>
    <message>
        <source>1 visit</source>
        <translation>1 visita</translation>
    </message>
    <message numerus="yes">
        <source>%n visits</source>
        <translation>
            <numerusform>%n visita</numerusform>
            <numerusform>%n visitas</numerusform>
        </translation>
    </message>
    <message>
        <source> · site closed ({reason})</source>
        <translation> · centro cerrado ({reason})</translation>
    </message>
    <message numerus="yes">
        <source>%n upcoming</source>
        <translation>
            <numerusform>%n próxima</numerusform>
            <numerusform>%n próximas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due</source>
        <translation>
            <numerusform>%n pendiente</numerusform>
            <numerusform>%n pendientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n late</source>
        <translation>
            <numerusform>%n atrasada</numerusform>
            <numerusform>%n atrasadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n vencida</numerusform>
            <numerusform>%n vencidas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n realizada</numerusform>
            <numerusform>%n realizadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done out of window</source>
        <translation>
            <numerusform>%n realizada fuera de ventana</numerusform>
            <numerusform>%n realizadas fuera de ventana</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missed</source>
        <translation>
            <numerusform>%n no realizada</numerusform>
            <numerusform>%n no realizadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n cancelada</numerusform>
            <numerusform>%n canceladas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ParticipantView</name>
    <message>
        <source>All statuses</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>With an overdue visit</source>
        <translation>Con una visita vencida</translation>
    </message>
    <message>
        <source>All cohorts</source>
        <translation>Todas las cohortes</translation>
    </message>
    <message>
        <source>Cohort {code}</source>
        <translation>Cohorte {code}</translation>
    </message>
    <message>
        <source>Select a participant, or enrol one (Ctrl+N).</source>
        <translation>Seleccione un participante o inscriba uno (Ctrl+N).</translation>
    </message>
</context>
<context>
    <name>WorklistView</name>
    <message>
        <source>Opening the database…</source>
        <translation>Abriendo la base de datos…</translation>
    </message>
    <message>
        <source>No database open: choose one with File › Open database…</source>
        <translation>No hay una base de datos abierta: elija una con Archivo › Abrir base de datos…</translation>
    </message>
    <message>
        <source>Reading the worklist…</source>
        <translation>Leyendo la lista de trabajo…</translation>
    </message>
    <message>
        <source>⚠ The worklist could not be read: {reason}</source>
        <translation>⚠ No se pudo leer la lista de trabajo: {reason}</translation>
    </message>
    <message>
        <source> · &lt;b&gt;search “{text}”: no visit shown&lt;/b&gt;</source>
        <translation> · &lt;b&gt;búsqueda «{text}»: ninguna visita mostrada&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source> · &lt;b&gt;search “{text}”: %n shown&lt;/b&gt;</source>
        <translation>
            <numerusform> · &lt;b&gt;búsqueda «{text}»: %n mostrada&lt;/b&gt;</numerusform>
            <numerusform> · &lt;b&gt;búsqueda «{text}»: %n mostradas&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Day at a glance, {day}&lt;/b&gt;: {booked} booked today · {behind} carried over ({overdue} overdue) · {to_book} to book · {closing} closing soon</source>
        <translation>&lt;b&gt;Resumen del día, {day}&lt;/b&gt;: agendadas hoy: {booked} · de días anteriores: {behind} (vencidas: {overdue}) · por agendar: {to_book} · por cerrar: {closing}</translation>
    </message>
    <message>
        <source>Today, {day}</source>
        <translation>Hoy, {day}</translation>
    </message>
    <message>
        <source>This week, {start} to {end}</source>
        <translation>Esta semana, del {start} al {end}</translation>
    </message>
    <message>
        <source>Next week, {start} to {end}</source>
        <translation>Próxima semana, del {start} al {end}</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>Del {start} al {end}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{span}&lt;/b&gt;: 1 visit to do</source>
        <translation>&lt;b&gt;{span}&lt;/b&gt;: 1 visita por hacer</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{span}&lt;/b&gt;: %n visits to do</source>
        <translation>
            <numerusform>&lt;b&gt;{span}&lt;/b&gt;: %n visita por hacer</numerusform>
            <numerusform>&lt;b&gt;{span}&lt;/b&gt;: %n visitas por hacer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · &lt;b&gt;%n overdue&lt;/b&gt; (window closed, nothing recorded) pinned on top</source>
        <translation>
            <numerusform> · &lt;b&gt;%n vencida&lt;/b&gt; (ventana cerrada, nada registrado) fijada arriba</numerusform>
            <numerusform> · &lt;b&gt;%n vencidas&lt;/b&gt; (ventana cerrada, nada registrado) fijadas arriba</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n on a day the site is closed</source>
        <translation>
            <numerusform> · %n en un día en que el centro está cerrado</numerusform>
            <numerusform> · %n en un día en que el centro está cerrado</numerusform>
        </translation>
    </message>
</context>
</TS>
