<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>LN Visit Scheduler {version} is licensed under the Apache License, Version 2.0
(the file LICENSE; https://www.apache.org/licenses/LICENSE-2.0).

</source>
        <translation>LN Visit Scheduler {version} se distribuye bajo la Licencia Apache, versión 2.0
(el archivo LICENSE; https://www.apache.org/licenses/LICENSE-2.0).

</translation>
    </message>
    <message>
        <source>The third-party notices file is missing from this installation.</source>
        <translation>Falta en esta instalación el archivo de avisos de terceros.</translation>
    </message>
    <message>
        <source>Settings</source>
        <extracomment>The folders&apos; names (keys of :func:`folders`), shown translated.</extracomment>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>Log files</source>
        <translation>Archivos de registro</translation>
    </message>
    <message>
        <source>About LN Visit Scheduler</source>
        <translation>Acerca de LN Visit Scheduler</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Acerca de</translation>
    </message>
    <message>
        <source>&amp;Folders</source>
        <translation>&amp;Carpetas</translation>
    </message>
    <message>
        <source>&amp;Licences</source>
        <translation>&amp;Licencias</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>&lt;b&gt;LN Visit Scheduler {version}&lt;/b&gt;&lt;br&gt;Visit scheduling for study NCT06377228 (TAK-007 in refractory lupus nephritis).&lt;br&gt;&lt;br&gt;Database: {database}&lt;br&gt;Protocol: {protocol}&lt;br&gt;PySide6 {pyside}, Qt {qt}, Python {python}&lt;br&gt;&lt;br&gt;Licensed under the Apache License 2.0; third-party licences under Licences.</source>
        <translation>&lt;b&gt;LN Visit Scheduler {version}&lt;/b&gt;&lt;br&gt;Programación de visitas del estudio NCT06377228 (TAK-007 en nefritis lúpica refractaria).&lt;br&gt;&lt;br&gt;Base de datos: {database}&lt;br&gt;Protocolo: {protocol}&lt;br&gt;PySide6 {pyside}, Qt {qt}, Python {python}&lt;br&gt;&lt;br&gt;Distribuido bajo la Licencia Apache 2.0; las licencias de terceros están en Licencias.</translation>
    </message>
    <message>
        <source>{name} folder</source>
        <translation>Carpeta {name}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Open the {name} folder</source>
        <translation>Abrir la carpeta {name}</translation>
    </message>
    <message>
        <source>{name}:</source>
        <translation>{name}:</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Licencias</translation>
    </message>
</context>
<context>
    <name>AppDatabase</name>
    <message>
        <source>Opening the database…</source>
        <extracomment>The databases already asked about in this session (a new empty one is asked about once).</extracomment>
        <translation>Abriendo la base de datos…</translation>
    </message>
    <message>
        <source>Opened for this session; to open it at every start, set [database] url in {path}</source>
        <translation>Abierta para esta sesión; para abrirla en cada inicio, configure [database] url en {path}</translation>
    </message>
    <message>
        <source>{database} stays open.</source>
        <translation>{database} sigue abierta.</translation>
    </message>
    <message>
        <source>Choose another database?</source>
        <translation>¿Elegir otra base de datos?</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Creating the demo site…</source>
        <translation>Creando el centro de demostración…</translation>
    </message>
    <message>
        <source>Demo site loaded: invented participants, for trying things out</source>
        <translation>Centro de demostración cargado: participantes ficticios, para hacer pruebas</translation>
    </message>
    <message>
        <source>Loading the demo site</source>
        <translation>Cargando el centro de demostración</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Computadora</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Valor anterior</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Valor nuevo</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Scheduled date</source>
        <translation>Fecha programada</translation>
    </message>
    <message>
        <source>Time of the change at the site, in its time zone (stored in UTC; the tooltip shows it)</source>
        <translation>Hora del cambio en el centro, en su zona horaria (se guarda en UTC; la información emergente la muestra)</translation>
    </message>
    <message>
        <source>Operating-system account or database role that made the change</source>
        <translation>Cuenta del sistema operativo o rol de la base de datos que hizo el cambio</translation>
    </message>
    <message>
        <source>Computer the change was made from</source>
        <translation>Computadora desde la que se hizo el cambio</translation>
    </message>
    <message>
        <source>Which record changed</source>
        <translation>Qué registro cambió</translation>
    </message>
    <message>
        <source>Which field changed, and how</source>
        <translation>Qué campo cambió, y cómo</translation>
    </message>
    <message>
        <source>Value before the change</source>
        <translation>Valor antes del cambio</translation>
    </message>
    <message>
        <source>Value after the change</source>
        <translation>Valor después del cambio</translation>
    </message>
    <message>
        <source>Reason given for the change</source>
        <translation>Motivo indicado para el cambio</translation>
    </message>
    <message>
        <source>{time} (UTC) — entry #{number}</source>
        <translation>{time} (UTC) — entrada n.º {number}</translation>
    </message>
    <message>
        <source>{user} on {workstation}</source>
        <translation>{user} en {workstation}</translation>
    </message>
    <message>
        <source>{label} (stored as field &apos;{field}&apos;)</source>
        <translation>{label} (guardado como campo &apos;{field}&apos;)</translation>
    </message>
    <message>
        <source>{shown}

Stored as: {stored}</source>
        <translation>{shown}

Guardado como: {stored}</translation>
    </message>
</context>
<context>
    <name>AuditWording</name>
    <message>
        <source>Enrolment</source>
        <extracomment>(entity, field) -&gt; label; a field alone applies to every entity.</extracomment>
        <translation>Inscripción</translation>
    </message>
    <message>
        <source>Visit added</source>
        <translation>Visita agregada</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Participant status</source>
        <translation>Estado del participante</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Reason noted</source>
        <translation>Motivo anotado</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>Nombre del centro</translation>
    </message>
    <message>
        <source>Site number</source>
        <translation>Número del centro</translation>
    </message>
    <message>
        <source>Closure date</source>
        <translation>Fecha de cierre</translation>
    </message>
    <message>
        <source>Text stored (its SHA-256)</source>
        <translation>Texto almacenado (su SHA-256)</translation>
    </message>
    <message>
        <source>Published to (address)</source>
        <translation>Publicado en (dirección)</translation>
    </message>
    <message>
        <source>Published as (account)</source>
        <translation>Publicado como (cuenta)</translation>
    </message>
    <message>
        <source>Visit name</source>
        <translation>Nombre de la visita</translation>
    </message>
    <message>
        <source>Kind of visit</source>
        <translation>Tipo de visita</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>Administrada el</translation>
    </message>
    <message>
        <source>Reason not given</source>
        <translation>Motivo de no administración</translation>
    </message>
    <message>
        <source>Protocol version for enrolments</source>
        <translation>Versión del protocolo para nuevas inclusiones</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>Iniciales</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocolo</translation>
    </message>
    <message>
        <source>Protocol version</source>
        <translation>Versión del protocolo</translation>
    </message>
    <message>
        <source>Screening date</source>
        <translation>Fecha de selección</translation>
    </message>
    <message>
        <source>Conditioning start (planned)</source>
        <translation>Inicio del acondicionamiento (previsto)</translation>
    </message>
    <message>
        <source>Conditioning start (given)</source>
        <translation>Inicio del acondicionamiento (administrado)</translation>
    </message>
    <message>
        <source>Infusion (planned)</source>
        <translation>Infusión (prevista)</translation>
    </message>
    <message>
        <source>Infusion (given)</source>
        <translation>Infusión (administrada)</translation>
    </message>
    <message>
        <source>Withdrawal date</source>
        <translation>Fecha de retiro</translation>
    </message>
    <message>
        <source>Withdrawal reason</source>
        <translation>Motivo del retiro</translation>
    </message>
    <message>
        <source>Target date</source>
        <translation>Fecha objetivo</translation>
    </message>
    <message>
        <source>Window opens</source>
        <translation>Abre la ventana</translation>
    </message>
    <message>
        <source>Window closes</source>
        <translation>Cierra la ventana</translation>
    </message>
    <message>
        <source>Scheduled date</source>
        <translation>Fecha programada</translation>
    </message>
    <message>
        <source>Appointment time</source>
        <translation>Hora de la cita</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Realizada el</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Agendada</translation>
    </message>
    <message>
        <source>Outside window (deviation)</source>
        <translation>Fuera de ventana (desviación)</translation>
    </message>
    <message>
        <source>On a closed day</source>
        <translation>En un día cerrado</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Realizada</translation>
    </message>
    <message>
        <source>Reason not done</source>
        <translation>Motivo de no realización</translation>
    </message>
    <message>
        <source>Time done</source>
        <translation>Hora de realización</translation>
    </message>
    <message>
        <source>Tube / result id</source>
        <translation>Id. de tubo / resultado</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Closure rules</source>
        <translation>Reglas de cierre</translation>
    </message>
    <message>
        <source>Participant ID format</source>
        <translation>Formato del ID de participante</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation>Cohorte</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modificado</translation>
    </message>
    <message>
        <source>Corrected (entered in error)</source>
        <translation>Corregido (introducido por error)</translation>
    </message>
    <message>
        <source>Participant</source>
        <extracomment>Record kinds as the Record column names them (``Participant``, ``Site``).</extracomment>
        <translation>Participante</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Centro</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Procedimiento</translation>
    </message>
    <message>
        <source>Dose</source>
        <translation>Dosis</translation>
    </message>
    <message>
        <source>Site calendar</source>
        <translation>Calendario del centro</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>No realizada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <source>{code}: not done ({reason})</source>
        <translation>{code}: no realizado ({reason})</translation>
    </message>
    <message>
        <source>{code}: done</source>
        <translation>{code}: realizado</translation>
    </message>
    <message>
        <source>{code}: not recorded</source>
        <translation>{code}: sin registrar</translation>
    </message>
    <message>
        <source> at {time}</source>
        <translation> a las {time}</translation>
    </message>
    <message>
        <source>, tube / result {sample}</source>
        <translation>, tubo / resultado {sample}</translation>
    </message>
    <message>
        <source>done on {date}</source>
        <translation>realizada el {date}</translation>
    </message>
    <message>
        <source>target {date}</source>
        <translation>objetivo {date}</translation>
    </message>
    <message>
        <source>window {date} only</source>
        <translation>ventana solo {date}</translation>
    </message>
    <message>
        <source>window {first} … {last}</source>
        <translation>ventana {first} … {last}</translation>
    </message>
    <message>
        <source>scheduled {date}</source>
        <translation>programada {date}</translation>
    </message>
    <message>
        <source>not planned yet</source>
        <translation>sin planificar aún</translation>
    </message>
    <message>
        <source>Visit {code}</source>
        <translation>Visita {code}</translation>
    </message>
    <message>
        <source>{procedure} at {visit}</source>
        <translation>{procedure} en {visit}</translation>
    </message>
    <message>
        <source>Dose {number}</source>
        <translation>Dosis {number}</translation>
    </message>
    <message>
        <source>Protocol {key}</source>
        <translation>Protocolo {key}</translation>
    </message>
    <message>
        <source>{label} (set)</source>
        <translation>{label} (establecido)</translation>
    </message>
    <message>
        <source>{label}: corrected</source>
        <translation>{label}: corregido</translation>
    </message>
</context>
<context>
    <name>CalendarStatus</name>
    <message>
        <source>login refused</source>
        <translation>inicio de sesión rechazado</translation>
    </message>
    <message>
        <source>certificate refused</source>
        <translation>certificado rechazado</translation>
    </message>
    <message>
        <source>server unreachable</source>
        <translation>servidor inaccesible</translation>
    </message>
    <message>
        <source>no password saved here</source>
        <translation>sin contraseña guardada aquí</translation>
    </message>
    <message>
        <source>not a calendar</source>
        <translation>no es un calendario</translation>
    </message>
    <message>
        <source>server error</source>
        <translation>error del servidor</translation>
    </message>
    <message>
        <source>unknown error</source>
        <extracomment>The same few words by the failure&apos;s kind (``PublishingStatus.error_kind``): this workstation&apos;s own failure, whose sentence may be in the interface language (no password saved here).</extracomment>
        <translation>error desconocido</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Published to {url}
Last sync that reached the server: {time}</source>
        <translation>Publicado en {url}
Última sincronización que llegó al servidor: {time}</translation>
    </message>
    <message>
        <source>the calendar server failed</source>
        <translation>falló el servidor del calendario</translation>
    </message>
    <message>
        <source>⚠ Calendar: failing ({reason})</source>
        <translation>⚠ Calendario: con fallos ({reason})</translation>
    </message>
    <message>
        <source>{count} change(s) wait in the database until the server answers; saving is not affected.</source>
        <translation>{count} cambio(s) esperan en la base de datos hasta que el servidor responda; guardar no se ve afectado.</translation>
    </message>
    <message>
        <source>{count} change(s) saved, being sent to the calendar.</source>
        <translation>{count} cambio(s) guardados, enviándose al calendario.</translation>
    </message>
    <message>
        <source>Every saved change is on the calendar server.</source>
        <translation>Todos los cambios guardados están en el servidor del calendario.</translation>
    </message>
</context>
<context>
    <name>ClosureDatesModel</name>
    <message>
        <source>Closed on</source>
        <translation>Cerrado el</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>SQLite database (*.sqlite3)</source>
        <extracomment>Actions that need a selected participant / a selected visit. Visit actions for an open visit only.</extracomment>
        <translation>Base de datos SQLite (*.sqlite3)</translation>
    </message>
    <message>
        <source>No calendar published</source>
        <extracomment>Actions that change the database: greyed on a read-only connection (a monitor&apos;s account, ``?mode=ro``), with the buttons that trigger them; reading, printing and exporting stay. Actions that need a selected participant still in the study: a protocol amendment re-plans visits to come, and a withdrawn or completed participant has none (the services refuse a withdrawn one anyway; greying the action says so before the dialog is opened). Participant actions that only apply at some stages (the others apply at every stage): a button that can only answer &quot;refused&quot; should not look clickable.</extracomment>
        <translation>No hay calendario publicado</translation>
    </message>
    <message>
        <source>This site publishes no calendar yet. Set one up in File › Site settings, under Calendar publishing.</source>
        <translation>Este centro aún no publica ningún calendario. Configure uno en Archivo › Configuración del centro, en Publicación del calendario.</translation>
    </message>
    <message>
        <source>Publishing the calendar…</source>
        <translation>Publicando el calendario…</translation>
    </message>
    <message>
        <source>Audit trail intact</source>
        <translation>Registro de auditoría íntegro</translation>
    </message>
    <message>
        <source>All {count} audit entries check out: none was edited, forged, deleted or reordered, the data matches the trail and the protection triggers are in place.</source>
        <translation>Las {count} entradas de auditoría son correctas: ninguna se editó, falsificó, eliminó ni reordenó; los datos coinciden con el registro y los disparadores de protección están activos.</translation>
    </message>
    <message>
        <source>... {count} further problem(s) not listed (ln-scheduler audit verify --all lists every one)</source>
        <translation>... {count} problema(s) más sin listar (ln-scheduler audit verify --all los lista todos)</translation>
    </message>
    <message>
        <source>Audit trail damaged</source>
        <translation>Registro de auditoría dañado</translation>
    </message>
    <message>
        <source>{count} problem(s) in {rows} entries.</source>
        <translation>{count} problema(s) en {rows} entradas.</translation>
    </message>
    <message>
        <source>Verifying the audit trail</source>
        <translation>Verificando el registro de auditoría</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>Respaldar la base de datos</translation>
    </message>
    <message>
        <source>Backing up the database to {path}…</source>
        <translation>Respaldando la base de datos en {path}…</translation>
    </message>
    <message>
        <source>Backed up to {path}</source>
        <translation>Respaldo guardado en {path}</translation>
    </message>
    <message>
        <source>Backup written</source>
        <translation>Respaldo guardado</translation>
    </message>
    <message>
        <source>The database was copied to {path} and the copy passed SQLite&apos;s integrity check.

Keep it somewhere safe (not only on this computer). To look at it or restore from it, open it with File › Open database….

Note this line in the site log: {checkpoint}</source>
        <translation>La base de datos se copió en {path} y la copia pasó la comprobación de integridad de SQLite.

Guárdelo en un lugar seguro (no solo en esta computadora). Para consultarlo o restaurar desde él, ábralo con Archivo › Abrir base de datos….

Anote esta línea en el registro del centro: {checkpoint}</translation>
    </message>
    <message>
        <source>Backing up the database</source>
        <translation>Respaldando la base de datos</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Intro</translation>
    </message>
    <message>
        <source>Open the selected visit</source>
        <translation>Abrir la visita seleccionada</translation>
    </message>
    <message>
        <source>Page Up / Page Down</source>
        <translation>Re Pág / Av Pág</translation>
    </message>
    <message>
        <source>Previous / next month (calendar)</source>
        <translation>Mes anterior / siguiente (calendario)</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Move between lists, buttons and fields</source>
        <translation>Pasar entre listas, botones y campos</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>The {what} {date} is {ago} days ago (more than {days}). Is that the date you mean?</source>
        <translation>La fecha {date} ({what}) fue hace {ago} días (más de {days}). ¿Es la fecha que quiere indicar?</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>Pick the date on a calendar (Alt+Down)</source>
        <translation>Elegir la fecha en un calendario (Alt+Abajo)</translation>
    </message>
    <message>
        <source>Type {help}. Alt+Down or the calendar button picks a date.</source>
        <translation>Escriba {help}. Alt+Abajo o el botón del calendario permiten elegir una fecha.</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>Preparing the worksheet…</source>
        <translation>Preparando la hoja de trabajo…</translation>
    </message>
    <message>
        <source>Worksheet {participant} {visit}</source>
        <translation>Hoja de trabajo {participant} {visit}</translation>
    </message>
    <message>
        <source>Reading participant {participant} ({number} of {count})…</source>
        <translation>Leyendo el participante {participant} ({number} de {count})…</translation>
    </message>
    <message>
        <source>{first} to {last}</source>
        <translation>{first} a {last}</translation>
    </message>
    <message>
        <source>Worksheets {span} ({count} visits)</source>
        <translation>Hojas de trabajo {span} ({count} visitas)</translation>
    </message>
    <message>
        <source>Laying out {count} worksheets…</source>
        <translation>Componiendo {count} hojas de trabajo…</translation>
    </message>
    <message>
        <source>Preparing the schedule…</source>
        <translation>Preparando el cronograma…</translation>
    </message>
    <message>
        <source>{participant} take-home schedule</source>
        <translation>Cronograma del participante {participant}</translation>
    </message>
    <message>
        <source>{participant} schedule</source>
        <translation>Cronograma de {participant}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source> by {user}</source>
        <extracomment>Qt&apos;s translation of this module&apos;s texts (context &quot;Errors&quot;); lupdate reads ``translate(...)`` calls.</extracomment>
        <translation> por {user}</translation>
    </message>
    <message>
        <source> at {time}</source>
        <translation> a las {time}</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Modificado por otra persona</translation>
    </message>
    <message>
        <source>Not saved: this record was changed{by} after you opened it.</source>
        <translation>No se guardó: este registro se modificó{by} después de que usted lo abriera.</translation>
    </message>
    <message>
        <source>Refresh (F5) to see the latest data, check it, then do it again.</source>
        <translation>Actualice (F5) para ver los datos más recientes, revíselos y vuelva a hacerlo.</translation>
    </message>
    <message>
        <source>Database damaged</source>
        <translation>Base de datos dañada</translation>
    </message>
    <message>
        <source>The database reports damaged data ({detail}). Nothing was saved.</source>
        <translation>La base de datos informa de datos dañados ({detail}). No se guardó nada.</translation>
    </message>
    <message>
        <source>Stop using it and tell your database administrator: the server&apos;s data must be checked and the most recent backup restored.</source>
        <translation>Deje de usarla y avise a su administrador de bases de datos: hay que revisar los datos del servidor y restaurar el respaldo más reciente.</translation>
    </message>
    <message>
        <source>The database file {path} is damaged: the application cannot read it ({detail}). Nothing was written to it.</source>
        <translation>El archivo de base de datos {path} está dañado: la aplicación no puede leerlo ({detail}). No se escribió nada en él.</translation>
    </message>
    <message>
        <source>Stop using this file and keep it exactly as it is: do not delete, move or try to repair it. Restore your most recent backup (a copy made with File › Back up database… or “ln-scheduler backup”) to a new file and open that copy (File › Open database…). Entries made after that backup may be salvaged from the damaged file by your IT support (SQLite&apos;s “.recover”, run on a copy, with a sqlite3 from sqlite.org: Debian&apos;s package lacks it).</source>
        <translation>Deje de usar este archivo y consérvelo tal como está: no lo elimine, no lo mueva ni intente repararlo. Restaure su respaldo más reciente (una copia hecha con Archivo › Respaldar base de datos… o “ln-scheduler backup”) en un archivo nuevo y abra esa copia (Archivo › Abrir base de datos…). Su soporte informático puede rescatar del archivo dañado los datos introducidos después de ese respaldo (“.recover” de SQLite, sobre una copia, con un sqlite3 de sqlite.org: el paquete de Debian no lo incluye).</translation>
    </message>
    <message>
        <source>Read-only database</source>
        <translation>Base de datos de solo lectura</translation>
    </message>
    <message>
        <source>Nothing was saved. This account (or file) may only read the database: to make changes, open it with an account that may write to it (ask your database administrator).</source>
        <translation>No se guardó nada. Esta cuenta (o archivo) solo puede leer la base de datos: para hacer cambios, ábrala con una cuenta que pueda escribir en ella (consulte a su administrador de bases de datos).</translation>
    </message>
    <message>
        <source>Saved or not? Check first</source>
        <translation>¿Se guardó o no? Compruébelo primero</translation>
    </message>
    <message>
        <source>The connection failed just as the change was being saved, so it may have been saved. Press F5 to reload and look at the participant (and Audit trail) before entering it again, or it may be recorded twice.</source>
        <translation>La conexión falló justo mientras se guardaba el cambio, así que puede que se haya guardado. Pulse F5 para recargar y revise el participante (y el registro de auditoría) antes de volver a introducirlo, o podría quedar registrado dos veces.</translation>
    </message>
    <message>
        <source>Database not available</source>
        <translation>Base de datos no disponible</translation>
    </message>
    <message>
        <source>Nothing was saved. If the database is on a server, check the network connection; if another program holds the file, close it. Then try again (F5 reloads).</source>
        <translation>No se guardó nada. Si la base de datos está en un servidor, compruebe la conexión de red; si otro programa tiene abierto el archivo, ciérrelo. Luego vuelva a intentarlo (F5 recarga).</translation>
    </message>
    <message>
        <source>Cannot use this database</source>
        <translation>No se puede usar esta base de datos</translation>
    </message>
    <message>
        <source>Choose another database with File › Open database…</source>
        <translation>Elija otra base de datos con Archivo › Abrir base de datos…</translation>
    </message>
    <message>
        <source>The database did not answer: {detail}</source>
        <translation>La base de datos no respondió: {detail}</translation>
    </message>
    <message>
        <source>Nothing was saved. Check the connection, then try again (F5 reloads).</source>
        <translation>No se guardó nada. Compruebe la conexión y vuelva a intentarlo (F5 recarga).</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>No se puede hacer</translation>
    </message>
    <message>
        <source>File problem</source>
        <translation>Problema con el archivo</translation>
    </message>
    <message>
        <source>Check that the folder exists and that you may write to it.</source>
        <translation>Compruebe que la carpeta existe y que puede escribir en ella.</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Error inesperado</translation>
    </message>
    <message>
        <source>Something went wrong that the application did not expect: {error}</source>
        <translation>Ocurrió algo que la aplicación no esperaba: {error}</translation>
    </message>
    <message>
        <source>Your saved data is safe. The details were written to {path}; please send that file to your support contact.</source>
        <translation>Sus datos guardados están a salvo. Los detalles se escribieron en {path}; envíe ese archivo a su contacto de soporte.</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>Archivos de calendario (*.ics)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>{participant} visits</source>
        <translation>Visitas de {participant}</translation>
    </message>
    <message>
        <source>{first} to {last}</source>
        <translation>{first} a {last}</translation>
    </message>
    <message>
        <source>{site} clinic {span}</source>
        <translation>Consulta de {site} {span}</translation>
    </message>
    <message>
        <source>Export {name}</source>
        <translation>Exportar {name}</translation>
    </message>
    <message>
        <source>Exporting {name}…</source>
        <translation>Exportando {name}…</translation>
    </message>
    <message>
        <source>Exported {count} events to {path}</source>
        <translation>Se exportaron {count} eventos a {path}</translation>
    </message>
    <message>
        <source>Exported {count} rows to {path}</source>
        <translation>Se exportaron {count} filas a {path}</translation>
    </message>
    <message>
        <source>Exporting {name}</source>
        <translation>Exportando {name}</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>Day {day}</source>
        <translation>Día {day}</translation>
    </message>
    <message>
        <source>{date} only</source>
        <translation>solo {date}</translation>
    </message>
    <message>
        <source>no window: this exact day</source>
        <translation>sin ventana: exactamente este día</translation>
    </message>
    <message>
        <source>-{early} / +{late} days around the target</source>
        <translation>-{early} / +{late} días alrededor del objetivo</translation>
    </message>
    <message>
        <source>{booked}&#xa0;booked · {proposed}&#xa0;proposed (not booked yet) · {dose}&#xa0;dose&#xa0;day</source>
        <extracomment>Marks of the month calendar&apos;s visit lines (text, so they survive greyscale printing and colour blindness). Marks a dose day (a visit where a dose is given) in the month calendar and the worklist. No-break spaces: a wrapped legend never leaves a mark at the end of a line without its word. The legend of those marks (``{booked}`` ... are the marks), marked for translation.</extracomment>
        <translation>{booked}&#xa0;agendada · {proposed}&#xa0;propuesta (aún sin agendar) · {dose}&#xa0;día&#xa0;de&#xa0;dosis</translation>
    </message>
    <message>
        <source>Booked {time}</source>
        <translation>Agendada {time}</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Propuesta</translation>
    </message>
    <message>
        <source>Proposed {date}</source>
        <translation>Propuesta {date}</translation>
    </message>
    <message>
        <source>Booked {weekday} {date} {time}</source>
        <translation>Agendada {weekday} {date} {time}</translation>
    </message>
    <message>
        <source>Booked by the site: an appointment (CONFIRMED in calendar files)</source>
        <translation>Agendada por el centro: una cita (CONFIRMED en los archivos de calendario)</translation>
    </message>
    <message>
        <source>Proposed by the schedule, not booked yet (TENTATIVE in calendar files): book it to confirm it</source>
        <translation>Propuesta por el cronograma, aún sin agendar (TENTATIVE en los archivos de calendario): agéndela para confirmarla</translation>
    </message>
    <message>
        <source>site closed that day</source>
        <translation>centro cerrado ese día</translation>
    </message>
    <message>
        <source>outside window</source>
        <translation>fuera de ventana</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a time of day: use HH:MM, e.g. 09:30</source>
        <translation>&apos;{text}&apos; no es una hora del día: use HH:MM, p. ej. 09:30</translation>
    </message>
    <message>
        <source>dose {number} not given</source>
        <translation>dosis {number} no administrada</translation>
    </message>
    <message>
        <source>dose {number} (not planned yet)</source>
        <translation>dosis {number} (aún sin planificar)</translation>
    </message>
    <message>
        <source>dose {number} {date} ({state})</source>
        <translation>dosis {number} {date} ({state})</translation>
    </message>
    <message>
        <source>conditioning {date} (given)</source>
        <translation>acondicionamiento {date} (realizado)</translation>
    </message>
    <message>
        <source>conditioning {date} (planned)</source>
        <translation>acondicionamiento {date} (previsto)</translation>
    </message>
    <message>
        <source>infusion {date} (given)</source>
        <translation>infusión {date} (administrada)</translation>
    </message>
    <message>
        <source>infusion {date} (planned)</source>
        <translation>infusión {date} (prevista)</translation>
    </message>
    <message>
        <source> (1 dose)</source>
        <translation> (1 dosis)</translation>
    </message>
    <message>
        <source> ({count} doses)</source>
        <translation> ({count} dosis)</translation>
    </message>
    <message>
        <source>cohort &lt;b&gt;{cohort}&lt;/b&gt;</source>
        <translation>cohorte &lt;b&gt;{cohort}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>protocol {protocol} v{version}</source>
        <translation>protocolo {protocol} v{version}</translation>
    </message>
    <message>
        <source>withdrawn {date}</source>
        <translation>retiro {date}</translation>
    </message>
    <message>
        <source>, study day {day}</source>
        <translation>, día del estudio {day}</translation>
    </message>
    <message>
        <source>&lt;br&gt;Target {date}; window {window}</source>
        <translation>&lt;br&gt;Objetivo {date}; ventana {window}</translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>System default ({language})</source>
        <extracomment>The translators installed now (kept referenced: Qt does not own them) and the locale to go back to when the source language is chosen again (tests switch back and forth).</extracomment>
        <translation>Predeterminado del sistema: {language}</translation>
    </message>
    <message>
        <source>The language of the windows, the messages and the staff documents</source>
        <translation>El idioma de las ventanas, los mensajes y los documentos del personal</translation>
    </message>
    <message>
        <source>Applies the next time the application starts.</source>
        <translation>Se aplica la próxima vez que se inicie la aplicación.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening the database…</source>
        <extracomment>the window no longer waits for the first rows of the database shown: they arrived, could not be read, or there is no database</extracomment>
        <translation>Abriendo la base de datos…</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Solo lectura</translation>
    </message>
    <message>
        <source>No database open</source>
        <translation>Ninguna base de datos abierta</translation>
    </message>
    <message>
        <source>Database: {database}</source>
        <translation>Base de datos: {database}</translation>
    </message>
    <message>
        <source>Chosen by: {source}</source>
        <translation>Elegida por: {source}</translation>
    </message>
    <message>
        <source>User: {user} on {workstation}</source>
        <translation>Usuario: {user} en {workstation}</translation>
    </message>
    <message>
        <source>Nothing can be changed here: {reason}</source>
        <translation>Aquí no se puede cambiar nada: {reason}</translation>
    </message>
    <message>
        <source>Up to date at {time}</source>
        <translation>Actualizado a las {time}</translation>
    </message>
    <message>
        <source>⚠ {problem} since {time}: restore a backup (details: F5)</source>
        <translation>⚠ {problem} desde las {time}: restaure un respaldo (detalles: F5)</translation>
    </message>
    <message>
        <source>⚠ {problem} since {time}: retrying</source>
        <translation>⚠ {problem} desde las {time}: reintentando</translation>
    </message>
    <message>
        <source>Work in progress</source>
        <translation>Trabajo en curso</translation>
    </message>
    <message>
        <source>A print or export is still running. Quit anyway?</source>
        <translation>Todavía hay una impresión o exportación en curso. ¿Salir de todos modos?</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
</context>
<context>
    <name>MonthModel</name>
    <message>
        <source>W{week}</source>
        <translation>S{week}</translation>
    </message>
    <message>
        <source> — site closed ({reason})</source>
        <translation> — centro cerrado ({reason})</translation>
    </message>
    <message>
        <source>1 visit</source>
        <translation>1 visita</translation>
    </message>
    <message>
        <source>{count} visits</source>
        <translation>{count} visitas</translation>
    </message>
</context>
<context>
    <name>Options</name>
    <message>
        <source>How often to reload from the database when it is shared (0 = only on focus)</source>
        <translation>Cada cuánto recargar desde la base de datos cuando es compartida (0 = solo al volver a la ventana)</translation>
    </message>
    <message>
        <source>Paper for worksheets and schedules</source>
        <translation>Papel para hojas de trabajo y cronogramas</translation>
    </message>
    <message>
        <source>Calendar exports: reminder this many days before a visit (0 = none)</source>
        <translation>Exportaciones de calendario: recordatorio tantos días antes de una visita (0 = ninguno)</translation>
    </message>
    <message>
        <source>Folder last used to save a PDF or an export</source>
        <translation>Última carpeta usada para guardar un PDF o una exportación</translation>
    </message>
    <message>
        <source>Worklist period shown at start</source>
        <translation>Período de la lista de trabajo que se muestra al iniciar</translation>
    </message>
    <message>
        <source>Day at a glance: list unbooked visits whose window opens within this many days</source>
        <translation>Resumen del día: mostrar las visitas no agendadas cuya ventana abre dentro de este número de días</translation>
    </message>
    <message>
        <source>Worksheet packet: visits booked within this many days</source>
        <translation>Paquete de hojas de trabajo: visitas agendadas dentro de este número de días</translation>
    </message>
    <message>
        <source>Language of the windows, the messages and the staff documents; applies at the next start</source>
        <extracomment>A language code (``es``), or empty: the system&apos;s language (see ``ui/translations.py``).</extracomment>
        <translation>Idioma de las ventanas, los mensajes y los documentos del personal; se aplica en el próximo inicio</translation>
    </message>
    <message>
        <source>Letter (US)</source>
        <extracomment>How Preferences names each paper size (``Options.PAGE_SIZE`` choices).</extracomment>
        <translation>Carta (EE. UU.)</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
</context>
<context>
    <name>ParticipantListModel</name>
    <message>
        <source>Participant</source>
        <translation>Participante</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>Iniciales</translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation>Cohorte</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Conditioning</source>
        <translation>Acondicionamiento</translation>
    </message>
    <message>
        <source>Infusion</source>
        <translation>Infusión</translation>
    </message>
    <message>
        <source>Next visit</source>
        <translation>Próx. visita</translation>
    </message>
    <message>
        <source>Next date</source>
        <translation>Próx. fecha</translation>
    </message>
    <message>
        <source>SSC-1B</source>
        <translation>SSC-1B</translation>
    </message>
    <message>
        <source>Study participant ID</source>
        <translation>ID del participante en el estudio</translation>
    </message>
    <message>
        <source>Initials (no names are stored)</source>
        <translation>Iniciales (no se guardan nombres)</translation>
    </message>
    <message>
        <source>The participant&apos;s cohort (LN; SSC-1A, SSC-1B: systemic sclerosis, one or three doses)</source>
        <translation>La cohorte del participante (LN; SSC-1A, SSC-1B: esclerosis sistémica, una o tres dosis)</translation>
    </message>
    <message>
        <source>Where the participant is in the study</source>
        <translation>En qué punto del estudio está el participante</translation>
    </message>
    <message>
        <source>First conditioning day (actual once recorded, else planned)</source>
        <translation>Primer día de acondicionamiento (real una vez registrado; si no, previsto)</translation>
    </message>
    <message>
        <source>Infusion day, Day 1 (actual once recorded, else planned)</source>
        <translation>Día de la infusión, Día 1 (real una vez registrado; si no, previsto)</translation>
    </message>
    <message>
        <source>The next visit still to do; “overdue”: its window closed with nothing recorded</source>
        <translation>La próxima visita pendiente; “vencida”: su ventana se cerró sin nada registrado</translation>
    </message>
    <message>
        <source>Its scheduled date</source>
        <translation>Su fecha programada</translation>
    </message>
    <message>
        <source>{visit} is overdue: its window closed on {date} with nothing recorded. Record it as done or missed.</source>
        <extracomment>The filter entry for participants with an overdue visit (beside the statuses).</extracomment>
        <translation>{visit} está vencida: su ventana se cerró el {date} sin nada registrado. Regístrela como realizada o perdida.</translation>
    </message>
    <message>
        <source>{visit} overdue</source>
        <translation>{visit} vencida</translation>
    </message>
</context>
<context>
    <name>ParticipantView</name>
    <message>
        <source> · takes home texts in &lt;b&gt;{language}&lt;/b&gt;</source>
        <translation> · textos para llevar a casa en &lt;b&gt;{language}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>PdfRendering</name>
    <message>
        <source>the PDF could not be opened ({error})</source>
        <translation>no se pudo abrir el PDF ({error})</translation>
    </message>
    <message>
        <source>the printer could not be started (is it connected and switched on?)</source>
        <translation>no se pudo iniciar la impresora (¿está conectada y encendida?)</translation>
    </message>
    <message>
        <source>Printing page {number} of {count}…</source>
        <translation>Imprimiendo la página {number} de {count}…</translation>
    </message>
</context>
<context>
    <name>PersonalCalendar</name>
    <message>
        <source>Personal calendar of {id} for their phone</source>
        <translation>Calendario personal de {id} para su teléfono</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>Archivos de calendario (*.ics)</translation>
    </message>
    <message>
        <source>Saved the personal calendar of {id} ({language}) to {path}</source>
        <translation>Se guardó el calendario personal de {id} ({language}) en {path}</translation>
    </message>
</context>
<context>
    <name>PrintController</name>
    <message>
        <source>Preparing…</source>
        <translation>Preparando…</translation>
    </message>
    <message>
        <source>Save {title} as PDF</source>
        <translation>Guardar {title} como PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Preparing {title}</source>
        <translation>Preparando {title}</translation>
    </message>
    <message>
        <source>Printed 1 page of {title} to the file {path}</source>
        <translation>Se imprimió 1 página de {title} en el archivo {path}</translation>
    </message>
    <message numerus="yes">
        <source>Printed %n pages of {title} to the file {path}</source>
        <translation>
            <numerusform>Se imprimió %n página de {title} en el archivo {path}</numerusform>
            <numerusform>Se imprimieron %n páginas de {title} en el archivo {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent 1 page of {title} to the printer</source>
        <translation>Se envió 1 página de {title} a la impresora</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n pages of {title} to the printer</source>
        <translation>
            <numerusform>Se envió %n página de {title} a la impresora</numerusform>
            <numerusform>Se enviaron %n páginas de {title} a la impresora</numerusform>
        </translation>
    </message>
    <message>
        <source>Printing {title}</source>
        <translation>Imprimiendo {title}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Guardado {path}</translation>
    </message>
</context>
<context>
    <name>ProcedureChecklistModel</name>
    <message>
        <source>Procedure</source>
        <translation>Procedimiento</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Realizado</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>No realizado</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Tube / result id</source>
        <translation>Id. de tubo / resultado</translation>
    </message>
    <message>
        <source>Reason if not done</source>
        <translation>Motivo si no se realizó</translation>
    </message>
    <message>
        <source>Tick when the procedure was done</source>
        <translation>Marque si el procedimiento se realizó</translation>
    </message>
    <message>
        <source>Tick when it was not done, and give the reason</source>
        <translation>Marque si no se realizó e indique el motivo</translation>
    </message>
    <message>
        <source>Time of the procedure (HH:MM), optional</source>
        <translation>Hora del procedimiento (HH:MM), opcional</translation>
    </message>
    <message>
        <source>Tube id or result reference, optional</source>
        <translation>Id. del tubo o referencia del resultado, opcional</translation>
    </message>
    <message>
        <source>Required for every procedure not done</source>
        <translation>Obligatorio para cada procedimiento no realizado</translation>
    </message>
    <message>
        <source>A reason is required for a procedure not done</source>
        <translation>Un procedimiento no realizado necesita un motivo</translation>
    </message>
    <message>
        <source>Not recorded yet: tick Done or Not done</source>
        <translation>Aún sin registrar: marque Realizado o No realizado</translation>
    </message>
</context>
<context>
    <name>ProcedurePickModel</name>
    <message>
        <source>Done</source>
        <translation>Realizado</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Procedimiento</translation>
    </message>
</context>
<context>
    <name>Prompter</name>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>{suffix} file</source>
        <translation>Archivo {suffix}</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
</context>
<context>
    <name>RecordedProceduresModel</name>
    <message>
        <source>Not recorded yet</source>
        <translation>Aún sin registrar</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Realizado</translation>
    </message>
    <message>
        <source>Not done: {reason}</source>
        <translation>No realizado: {reason}</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>No realizado</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Procedimiento</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Tube / result id</source>
        <translation>Id. de tubo / resultado</translation>
    </message>
</context>
<context>
    <name>SavedMessage</name>
    <message>
        <source>Saved: {visit} done on {day}</source>
        <translation>Guardado: {visit} hecha el {day}</translation>
    </message>
    <message>
        <source>Saved: {visit} missed</source>
        <translation>Guardado: {visit} no hecha</translation>
    </message>
    <message>
        <source>Saved: {visit} cancelled</source>
        <translation>Guardado: {visit} cancelada</translation>
    </message>
    <message>
        <source>Saved: {visit} booked for {day} at {time}</source>
        <translation>Guardado: {visit} agendada el {day} a las {time}</translation>
    </message>
    <message>
        <source>Saved: {visit} booked for {day}</source>
        <translation>Guardado: {visit} agendada el {day}</translation>
    </message>
    <message>
        <source>Saved: {visit}</source>
        <translation>Guardado: {visit}</translation>
    </message>
    <message>
        <source>Saved: {participant} ({status})</source>
        <translation>Guardado: {participant} ({status})</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
</context>
<context>
    <name>SchedulePreviewModel</name>
    <message>
        <source>{date} only</source>
        <extracomment>What happens to the appointment comes right after the visit: it is what the coordinator must read (and tell the participant), so it is never the column squeezed or pushed off-screen.</extracomment>
        <translation>solo {date}</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>Visita nueva</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Re-book: outside the new window</source>
        <translation>Volver a agendar: fuera de la nueva ventana</translation>
    </message>
    <message>
        <source>Booked date stays (inside the new window)</source>
        <translation>La fecha agendada se mantiene (dentro de la nueva ventana)</translation>
    </message>
    <message>
        <source>Suggested date moves</source>
        <translation>La fecha sugerida cambia</translation>
    </message>
    <message>
        <source>Window changes</source>
        <translation>La ventana cambia</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Qué ocurre</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <source>Window (new)</source>
        <translation>Ventana (nueva)</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Programada</translation>
    </message>
    <message>
        <source>Day 2</source>
        <translation>Día 2</translation>
    </message>
    <message>
        <source>2027-03-06 Sat → 03-08 Mon</source>
        <translation>2027-03-06 sáb → 03-08 lun</translation>
    </message>
    <message>
        <source>What happens to the appointment</source>
        <translation>Qué ocurre con la cita</translation>
    </message>
    <message>
        <source>Study day of the target (old → new when it changes)</source>
        <translation>Día del estudio del objetivo (anterior → nuevo cuando cambia)</translation>
    </message>
    <message>
        <source>The protocol&apos;s ideal date, old → new</source>
        <translation>La fecha ideal del protocolo, anterior → nueva</translation>
    </message>
    <message>
        <source>The allowed dates once the change is saved</source>
        <translation>Las fechas permitidas una vez guardado el cambio</translation>
    </message>
    <message>
        <source>The appointment or suggested date, old → new</source>
        <translation>La cita o la fecha sugerida, anterior → nueva</translation>
    </message>
    <message>
        <source>Old window: {window}</source>
        <translation>Ventana anterior: {window}</translation>
    </message>
    <message>
        <source>The appointment booked on {old} is outside the new window; it moves to the suggested {new}: tell the participant</source>
        <translation>La cita agendada el {old} queda fuera de la nueva ventana; pasa a la fecha sugerida {new}: avise al participante</translation>
    </message>
</context>
<context>
    <name>SuggestionModel</name>
    <message>
        <source>Conditioning starts (LD1)</source>
        <translation>Inicio del acondicionamiento (LD1)</translation>
    </message>
    <message>
        <source>Infusion (Day 1)</source>
        <translation>Infusión (Día 1)</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>the first conditioning day (C1)</source>
        <extracomment>The anchor a visit&apos;s target counts from, in words (the timeline&apos;s tooltip).</extracomment>
        <translation>el primer día de acondicionamiento (C1)</translation>
    </message>
    <message>
        <source>dose 1, the infusion (D1)</source>
        <translation>la dosis 1, la infusión (D1)</translation>
    </message>
    <message>
        <source>dose 2 (X2)</source>
        <translation>la dosis 2 (X2)</translation>
    </message>
    <message>
        <source>dose 3 (X3)</source>
        <translation>la dosis 3 (X3)</translation>
    </message>
    <message>
        <source>the last dose given</source>
        <translation>la última dosis administrada</translation>
    </message>
    <message>
        <source>the day it happens</source>
        <translation>el día en que ocurre</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Ventana</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>Selección</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>Próxima</translation>
    </message>
    <message>
        <source>Done 2027-01-26 Tue</source>
        <translation>Realizada 2027-01-26 mar</translation>
    </message>
    <message>
        <source>Visit name (repeatable visits are numbered)</source>
        <extracomment>Nothing is squeezed: the visit&apos;s name is what the coordinator reads first (&quot;Day 1: TAK-00…&quot; and &quot;Month 24 / En…&quot; were cut); on a narrow screen the last columns scroll instead.</extracomment>
        <translation>Nombre de la visita (las visitas repetibles van numeradas)</translation>
    </message>
    <message>
        <source>Status as of today</source>
        <translation>Estado a fecha de hoy</translation>
    </message>
    <message>
        <source>Study day of the target date (no Day 0: Day 1 is the infusion day)</source>
        <translation>Día del estudio de la fecha objetivo (no hay Día 0: el Día 1 es el día de la infusión)</translation>
    </message>
    <message>
        <source>The protocol&apos;s ideal date</source>
        <translation>La fecha ideal del protocolo</translation>
    </message>
    <message>
        <source>Earliest and latest allowed dates, both inclusive</source>
        <translation>Primera y última fecha permitidas, ambas incluidas</translation>
    </message>
    <message>
        <source>Booked (an appointment, with its time), only proposed by the schedule, or the day it was done</source>
        <translation>Agendada (una cita, con su hora), solo propuesta por el cronograma, o el día en que se realizó</translation>
    </message>
    <message>
        <source>Warnings: closed day, outside window, reasons</source>
        <translation>Avisos: día cerrado, fuera de ventana, motivos</translation>
    </message>
    <message>
        <source>Done {date}</source>
        <translation>Realizada {date}</translation>
    </message>
    <message>
        <source>Not planned yet</source>
        <translation>Aún sin planificar</translation>
    </message>
    <message>
        <source>{status} · window open</source>
        <translation>{status} · ventana abierta</translation>
    </message>
    <message>
        <source> — counted from {anchor}</source>
        <translation> — contado desde {anchor}</translation>
    </message>
    <message>
        <source> — dose {number} is given at this visit</source>
        <translation> — en esta visita se administra la dosis {number}</translation>
    </message>
    <message>
        <source>Done on {done}; scheduled for {scheduled}</source>
        <translation>Realizada el {done}; programada para el {scheduled}</translation>
    </message>
    <message>
        <source> (booked)</source>
        <translation> (agendada)</translation>
    </message>
    <message>
        <source>{status}: the window is open today; book or record it</source>
        <translation>{status}: la ventana está abierta hoy; agéndela o regístrela</translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>Cita</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Participante</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>Iniciales</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <source>Study day</source>
        <translation>Día del estudio</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Ventana</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Booked 10:30</source>
        <translation>Agendada 10:30</translation>
    </message>
    <message>
        <source>Day 2</source>
        <translation>Día 2</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>Próxima</translation>
    </message>
    <message>
        <source>Scheduled date (overdue visits: the last day of their window has passed)</source>
        <translation>Fecha programada (visitas vencidas: ya pasó el último día de su ventana)</translation>
    </message>
    <message>
        <source>Booked (an appointment, with its time if one was given) or only proposed by the schedule</source>
        <translation>Agendada (una cita, con su hora si se indicó) o solo propuesta por el cronograma</translation>
    </message>
    <message>
        <source>Study participant ID</source>
        <translation>ID del participante en el estudio</translation>
    </message>
    <message>
        <source>Study day of the visit&apos;s target</source>
        <translation>Día del estudio del objetivo de la visita</translation>
    </message>
    <message>
        <source>Earliest and latest allowed dates</source>
        <translation>Primera y última fecha permitidas</translation>
    </message>
    <message>
        <source>Status as of today</source>
        <translation>Estado a fecha de hoy</translation>
    </message>
    <message>
        <source>Warnings: closed day, outside window, reasons</source>
        <translation>Avisos: día cerrado, fuera de ventana, motivos</translation>
    </message>
</context>
</TS>
