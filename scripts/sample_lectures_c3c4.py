"""Original lecture text for courses 3 and 4 of the bundled sample (written for coursesite)."""

COURSE_3 = {
    "folder": "03-data-storage-and-queries",
    "title": "Data Storage and Queries",
    "description": "How data is physically stored, the abstractions built on top of storage (warehouses, lakes, lakehouses), and what happens when a query runs.",
    "weeks": [
        {
            "folder": "week-1",
            "title": "Week 1: Storage Ingredients",
            "description": "Block, file and object storage, row and column layouts, and compression.",
            "lectures": [
                {
                    "file": "01-storage-ingredients",
                    "format": "srt",
                    "paragraphs": [
                        "Every storage system is built from a few raw ingredients. Block storage gives a machine a disk made of fixed-size blocks; databases love it because they can update a small piece in place. File storage adds folders and names on top, and can be shared between machines.",
                        "Object storage is the workhorse of modern data platforms. Each object is a whole file with a key and some metadata. You cannot change part of an object, only replace it, but you can store almost unlimited amounts cheaply and read it in parallel from many machines.",
                        "Memory sits above all of these. It is thousands of times faster than disk and much more expensive, so systems keep the hottest data in memory as a cache.",
                        "Networks are the hidden ingredient. In the cloud, storage and compute are usually separate, and every byte read by a query travels over the network. That is why reading less data, thanks to good file formats and partitioning, is often the biggest speed-up available.",
                        "Latency and throughput are different things. A disk may answer a single request slowly, yet deliver a huge amount of data per second when read sequentially. Analytical systems are designed around that: few large reads instead of many small ones.",
                        "In the next video we look inside the files themselves, at how records are laid out.",
                        "When you pick storage for a dataset, ask how it will be read and written. Many small updates point to a database on block storage. Large files written once and scanned many times point to object storage.",
                    ],
                },
                {
                    "file": "02-row-vs-column-formats",
                    "format": "srt",
                    "paragraphs": [
                        "Inside a file, data can be laid out by row or by column. A row layout stores all the fields of one record together. That is ideal when you read or write whole records, which is what applications do.",
                        "A column layout stores all the values of one field together. Analytical queries usually touch a few columns of many rows, such as the sum of amount grouped by region. With a column layout, the engine reads only those two columns and skips the rest.",
                        "Columns also compress very well, because similar values sit next to each other. A country column with a handful of distinct values can shrink to a tiny fraction of its original size with dictionary encoding.",
                        "Text formats like CSV and JSON still have their place. They are easy to read by humans and accepted by almost every tool, which makes them good for exchanging data. But they carry no reliable types, they are large, and every query must parse every byte. A common pattern is to receive CSV or JSON, and convert it to a columnar format as the first step of the pipeline.",
                        "Compression codecs are a trade-off too: some shrink data more, others decompress faster. For data that is read often, fast decompression usually wins.",
                        "Parquet is the most common columnar file format. It splits a file into row groups, stores each column of a group as a compressed chunk, and keeps statistics such as the minimum and maximum of each chunk, so a query can skip chunks that cannot match. In the lab, you will compare the size of the same data as CSV and as Parquet.",
                    ],
                },
            ],
        },
        {
            "folder": "week-2",
            "title": "Week 2: Storage Abstractions",
            "description": "Data warehouses, data lakes, lakehouses and open table formats.",
            "lectures": [
                {
                    "file": "01-warehouses-lakes-and-lakehouses",
                    "format": "srt",
                    "paragraphs": [
                        "A data warehouse is a database designed for analysis. Data is loaded into tables with a defined schema, and a powerful SQL engine answers questions over it. Warehouses are easy to query and well governed, but they work best with structured data.",
                        "A data lake is, at its simplest, files in object storage. Anything can go in: CSV, JSON, images, logs. That flexibility is great for data science and for keeping raw history, but without discipline a lake becomes hard to trust.",
                        "The lakehouse tries to combine the two. Data stays in open files in object storage, and a table layer on top adds what the warehouse offered: schemas, transactions, and fast SQL.",
                        "Cloud warehouses separate storage from compute. The data sits in cheap storage, and clusters of compute start when queries arrive and stop when they finish. Two teams can query the same data with their own compute, without slowing each other down. This separation is now common to warehouses, lakes and lakehouses alike.",
                        "The boundaries between the three keep blurring, so focus on the properties you need: open formats, transactions, governance and speed.",
                        "Here is a small scenario. A company keeps clickstream logs as compressed JSON files in a lake. Every night a job converts the previous day into a partitioned table in a columnar format, and analysts query it with SQL. The raw files stay in the lake for replay, the table serves the everyday questions. Whether you call that a lake or a lakehouse matters less than the fact that each layer has a clear purpose.",
                        "Which one should you use? Follow the users. If most of them write SQL over business tables, a warehouse is a fine start. If you also train models on raw data, a lake or lakehouse earns its complexity.",
                    ],
                },
                {
                    "file": "02-table-formats",
                    "format": "vtt",
                    "paragraphs": [
                        "A folder of Parquet files is not yet a table. If two jobs write to it at once, or a job fails halfway, readers can see a mix of old and new files.",
                        "Open table formats solve this with a metadata layer. Every change to the table writes new data files and then a new metadata file that lists exactly which files make up the table now. Readers follow the latest metadata file, so they always see a complete version.",
                        "Because old metadata files are kept for a while, you also get time travel: you can query the table as it was yesterday, or roll back a bad write. Schema changes, such as adding a column, become recorded operations instead of risky file edits.",
                        "Table formats also make maintenance possible. Many small files slow queries down, so a compaction job rewrites them into fewer large files and commits the change like any other write. Readers never notice: they see the old files until the moment the new metadata is committed, and the new files after.",
                        "Old files are only deleted after a retention period, which is what keeps time travel working.",
                        "Several engines can read the same table format. A batch engine may write the table every night, while a SQL engine serves interactive queries on it and a streaming job appends new rows. Open formats keep the data independent of any one engine, which is a good example of a reversible decision from the first course.",
                        "You do not need to memorise any particular format. Remember the idea: data files are immutable, and a small, atomic pointer decides which files form the current table.",
                    ],
                },
            ],
        },
        {
            "folder": "week-3",
            "title": "Week 3: Queries",
            "description": "How a query runs, indexes, partitioning, joins and aggregations.",
            "lectures": [
                {
                    "file": "01-how-a-query-runs",
                    "format": "srt",
                    "paragraphs": [
                        "When you send a SQL query, the engine does not simply start reading. First it parses the text and checks that the tables and columns exist. Then the planner considers different ways of answering, and estimates the cost of each.",
                        "For a query that joins orders with customers and filters by country, the planner decides which table to read first, whether to use an index, and which join algorithm to use. A hash join builds a lookup table from the smaller input. A nested loop join is fine when one side is tiny.",
                        "Finally the executor runs the chosen plan, streaming rows from one operator to the next: scan, filter, join, aggregate, sort.",
                        "The planner relies on statistics: how many rows each table has, and how many distinct values each column holds. When the statistics are wrong or missing, the planner can choose a terrible plan, for example a nested loop over two large tables. Refreshing statistics after big loads is a small habit that prevents many mysterious slowdowns.",
                        "Distributed engines add one more step: they split the plan into stages that run on many machines, and move data between them when needed.",
                        "As a rule of thumb, filter early and select only the columns you need. Many planners push filters down automatically, but a query that selects every column of a wide table still forces the engine to read far more than necessary.",
                        "You can ask most databases to show the plan. In SQLite the command is EXPLAIN QUERY PLAN. Reading plans is the fastest way to understand why a query is slow, and it is part of this week's lab.",
                    ],
                },
                {
                    "file": "02-indexes-and-partitioning",
                    "format": "srt",
                    "paragraphs": [
                        "An index is a sorted structure that lets the engine find rows without scanning the whole table, much like the index at the back of a book. A query such as: find orders where customer_id = 42, goes from reading millions of rows to reading a handful.",
                        "Indexes are not free. Every insert and update must also update the index, and each index takes space. Add them for the filters and joins you actually run.",
                        "Analytical systems lean more on partitioning. The table is split into parts by a column, usually a date, and stored separately. A query for last week only opens last week's partitions; the engine prunes the rest without reading them.",
                        "Clustering, or sorting, is a middle ground. If a table is sorted by date, the minimum and maximum statistics of each file or block become very selective, and the engine can skip most of them for a date filter even without partitions. Many systems let you declare a clustering key and maintain the order for you.",
                        "In the lab, you will run the same query before and after adding an index in SQLite and compare the plans.",
                        "Partitioning also makes data management easier. Deleting data older than two years becomes dropping old partitions, instead of a huge delete that rewrites the whole table. Reloading a single bad day means replacing one partition, which is exactly what idempotent tasks do.",
                        "Choose partition columns that match common filters and give partitions of a sensible size. Partitioning by day is common. Partitioning by customer, with millions of tiny partitions, usually makes things slower, not faster.",
                    ],
                },
            ],
        },
    ],
}

COURSE_4 = {
    "folder": "04-data-modeling-transformation-and-serving",
    "title": "Data Modeling, Transformation, and Serving",
    "description": "Modeling data for analytics and machine learning, transforming it in batch and in streams, and serving it to the people and systems that use it.",
    "weeks": [
        {
            "folder": "Week 1",
            "title": "Week 1: Data Modeling",
            "description": "Normalization, star schemas, and the Kimball and Inmon approaches.",
            "lectures": [
                {
                    "file": "01-normalization",
                    "format": "srt",
                    "paragraphs": [
                        "Data modeling decides how data is organised into tables and how those tables relate. A good model makes correct queries easy and wrong ones hard.",
                        "Normalization is the classic technique for transactional systems. The idea is to store each fact once. If a customer's address lives in one row of a customers table, changing it is one update. If it is copied into every order, an update can miss some copies and the data contradicts itself.",
                        "The normal forms formalise this. First normal form says each column holds a single value, not a list. Second and third normal form remove columns that depend on only part of a key, or on another non-key column.",
                        "Let's take an example. A spreadsheet of orders has columns for order id, customer name, customer email, product, product price and quantity. The customer's email is repeated on every order, and the product price on every line. Normalising it gives three tables: customers, products and order lines, each fact stored once, connected by keys.",
                        "Now a changed email is one update, and a new product price does not rewrite history by accident.",
                        "Normalisation also protects against impossible states. If an order line stores a product id instead of a product name, it cannot refer to a product that does not exist, because a foreign key forbids it. Constraints like these are cheap insurance, and analytical models often lose them, so keep them in mind when you denormalise.",
                        "Normalised models are great for writing data and keeping it consistent. For analysis they can mean many joins, which is why analytical models often trade some redundancy for simplicity, as we will see next.",
                    ],
                },
                {
                    "file": "02-star-schemas",
                    "format": "srt",
                    "paragraphs": [
                        "The star schema is the best known analytical model. At its centre is a fact table with one row per business event, such as one row per order line, holding measures like quantity and amount.",
                        "Around it sit dimension tables that describe the context: who bought, what was bought, when and where. Each fact row points to its dimensions with keys. Drawn on a whiteboard, the dimensions surround the fact like the points of a star.",
                        "The most important design decision is the grain: exactly what one fact row represents. Declare it first and write it down. Mixing grains in one table, for example order lines and whole orders, is the most common source of double counting.",
                        "Dimensions change over time, and the model must decide how to remember that. If a customer moves from Lyon to Madrid, should last year's orders count towards Lyon or Madrid? A slowly changing dimension of type two keeps both versions, each with the dates it was valid, so old facts keep pointing to the old city. Type one simply overwrites the value and forgets the past.",
                        "Star schemas are friendly to the tools analysts use. A business intelligence tool can present each dimension as a set of filters and each measure as a number to sum, and queries stay simple: join the fact to a few dimensions, filter, group and aggregate. In the lab you will build one from a flat file of orders.",
                        "Kimball's approach builds star schemas for each business process and connects them through shared dimensions. Inmon's approach first builds a normalised enterprise warehouse and derives stars from it. Both are still useful ways of thinking, and data vault offers a third option focused on history and auditability.",
                    ],
                },
            ],
        },
        {
            "folder": "Week 2",
            "title": "Week 2: Modeling for Machine Learning",
            "description": "Feature engineering for tabular, text and image data.",
            "lectures": [
                {
                    "file": "01-features-for-machine-learning",
                    "format": "srt",
                    "paragraphs": [
                        "Machine learning models learn from features: numeric inputs that describe each example. Much of the value a data engineer adds to a machine learning project is in producing good features reliably.",
                        "For tabular data, common steps are filling or flagging missing values, scaling numbers to similar ranges, and turning categories into numbers, for example with one column per category. Aggregations over time are often the strongest features: orders in the last thirty days, average basket size, days since the last visit.",
                        "The big danger is leakage. A feature must only use information that was available at the moment of the prediction. If a churn model sees the cancellation date, it will look brilliant in testing and fail in production.",
                        "Time is the trickiest part. To build a training set, for each example you need the features as they were at a specific moment in the past. This is called a point-in-time correct join: for a prediction made on the first of May, you only use orders placed before the first of May. Getting this right by hand is error prone, which is one reason feature stores exist.",
                        "Features also need monitoring once a model is in production. If the average basket size in live traffic drifts far from what the model saw in training, its predictions may quietly get worse. Tracking the distribution of each important feature over time, just like the row counts of a pipeline, gives an early warning.",
                        "Finally, compute features the same way for training and for serving. A feature store, or simply one shared piece of code, prevents the two from drifting apart.",
                    ],
                },
                {
                    "file": "02-text-and-image-data",
                    "format": "vtt",
                    "paragraphs": [
                        "Not all machine learning data fits in neat columns. Text and images need their own preparation.",
                        "Text is usually cleaned, split into tokens, and turned into vectors. Classic methods count words; modern methods use embeddings, which place similar texts close together in a space with hundreds of dimensions. As a data engineer you will often store those vectors and serve them quickly.",
                        "Images are resized to a common shape, normalised, and sometimes augmented with flips or crops so the model sees more variety. The files themselves live in object storage, while a table keeps their paths, labels and metadata.",
                        "Labels need as much care as inputs. Someone has to decide that an image shows a damaged parcel, or that a review is negative. Store who labelled each example and when, and keep track of disagreements between labellers. Noisy labels put a ceiling on how good a model can become, no matter how clever the algorithm.",
                        "Unstructured data is also large. Keep it in object storage in a sensible layout, and process it in parallel close to where it is stored.",
                        "Consider a support team that wants to route incoming messages automatically. The pipeline reads each message, removes signatures and quoted replies, detects the language, and computes an embedding. It stores the cleaned text, the embedding and the team that finally handled the message, which becomes the label for training. Every one of those steps is data engineering.",
                        "Models for text and images are often large and shared, so you will also store which model version produced each embedding, and recompute them when the model changes.",
                        "In both cases, version your datasets. When a model's accuracy changes, you want to know whether the code changed, the data changed, or both.",
                    ],
                },
            ],
        },
        {
            "folder": "Week 3",
            "title": "Week 3: Transformations",
            "description": "Batch transformations with SQL and dataframes, and streaming transformations.",
            "lectures": [
                {
                    "file": "01-batch-transformations",
                    "format": "srt",
                    "paragraphs": [
                        "Batch transformations turn raw tables into modeled ones on a schedule. The two main tools are SQL and dataframes, and both express the same ideas: filter, join, group, aggregate.",
                        "Window functions deserve special attention. A query can compute a running total of revenue per customer, or rank each order within its day, without collapsing rows the way GROUP BY does. They replace many awkward self-joins.",
                        "On large data, the work is spread over many machines. Distributed engines split the data into partitions, process them in parallel, and shuffle rows between machines when a join or aggregation needs all rows with the same key in one place. Shuffles are expensive, so good jobs minimise them.",
                        "Many teams organise transformations in layers. A staging layer cleans each source table: types, names, duplicates. An intermediate layer joins and reshapes. A final layer holds the tables that users query, such as the star schema from week one. Each layer only reads from the one before, which keeps dependencies simple and makes it clear where a bug must be fixed.",
                        "Test each layer with the data quality checks from course two, so errors stop close to where they start.",
                        "Dataframes and SQL are more alike than they look. A filter in pandas is a WHERE clause; a groupby followed by a sum is a GROUP BY; a merge is a JOIN. Choose the one your team reads most easily, and keep the logic in one place instead of splitting a single transformation between both.",
                        "Whatever the engine, write transformations as small, tested steps with clear names, and keep them idempotent, so a rerun for a past day is always safe.",
                    ],
                },
                {
                    "file": "02-streaming-transformations",
                    "format": "srt",
                    "paragraphs": [
                        "Streaming transformations work on data that never ends. To aggregate, we have to decide which events belong together, and we do that with windows.",
                        "A tumbling window splits time into fixed, non-overlapping slices, such as one minute each. A sliding window overlaps, for example the last five minutes, updated every minute. A session window groups events from one user until they go quiet.",
                        "Time itself is tricky. Event time is when something happened; processing time is when we see it. Mobile phones go offline and send events late, so a stream processor uses a watermark: a moving estimate of how late data may still arrive before a window is closed.",
                        "Imagine counting taxi rides per neighbourhood every minute. A ride that ended at 10:00:55 but reached us at 10:01:20 belongs to the ten o'clock minute by event time. If our watermark allows thirty seconds of lateness, the window for ten o'clock stays open until 10:01:30, and the ride is counted correctly. A ride that arrives even later must either update an already published result or be sent to a side output for correction.",
                        "Stream processors keep state between events: the running count for each open window, the last event of each session. That state must survive a crash, so processors write checkpoints regularly. After a failure, they restart from the last checkpoint and replay the events since then, which is another reason why the transformations themselves should be deterministic.",
                        "Streams can also be joined, enriched with reference tables, and deduplicated. The same principles from batch still apply. The difference is that every decision has to be made without seeing the whole dataset.",
                    ],
                },
            ],
        },
        {
            "folder": "Week 4",
            "title": "Week 4: Serving and Wrap-up",
            "description": "Serving data for analytics and machine learning, reverse ETL, and where to go next.",
            "lectures": [
                {
                    "file": "01-serving-analytics-and-ml",
                    "format": "srt",
                    "paragraphs": [
                        "Serving is where data meets its users. For analytics, that means tables and views that a dashboard or an analyst can query with confidence. A semantic layer can help by defining metrics such as active customers once, so every dashboard computes them the same way.",
                        "For machine learning, serving has two sides. Training needs large historical datasets. Online prediction needs a few features for one customer within milliseconds, which usually means a fast key-value store kept in sync with the warehouse.",
                        "Reverse ETL closes the loop. Modeled data, such as a customer health score, is pushed back into the operational tools people already use, like a CRM or a support system, so the insight reaches the person who can act on it.",
                        "Performance matters at this stage because people wait for it. A dashboard that takes a minute to load will not be used. Pre-aggregated tables, caching and materialised views turn slow queries into fast ones, at the cost of some storage and a refresh schedule. Measure what users actually open, and optimise those paths first.",
                        "Serving also means supporting the people who use the data. Write short guides for the most important tables: what one row means, which filters are usually needed, and which mistakes are common. Answering the same question once in writing is cheaper than answering it in ten chats.",
                        "And plan for change. When a served table must change shape, publish the new version beside the old one, tell its users, and remove the old one only when they have moved.",
                        "Whatever you serve, publish its freshness and its owner, and measure whether it is used. Unused tables are a cost, not an asset.",
                    ],
                },
                {
                    "file": "02-course-wrap-up",
                    "format": "srt",
                    "paragraphs": [
                        "We have reached the end of the specialization. Let's look back at the path we took. We started with the lifecycle: generation, ingestion, storage, transformation and serving, with the undercurrents running beneath them.",
                        "We looked at source systems and learned to respect them, moved data in batches and streams, automated and tested our pipelines, and orchestrated them as DAGs of idempotent tasks. We saw how storage works from disks to table formats, and how queries are planned and run. Finally we modeled, transformed and served data for analytics and machine learning.",
                        "The tools you will use at work will be different from the ones in our labs, and they will change again. The questions will not: who needs this data, how fresh, how correct, and at what cost?",
                        "If you want to keep practising, pick a dataset you care about: your running logs, a city's open data, the history of a sports league. Build the whole lifecycle for it, even in miniature. Ingest it on a schedule, store it in a columnar format, model it as a star, test it, and serve one useful chart. You will meet, in small form, every problem we discussed.",
                        "And read other people's pipelines. Open-source projects and engineering blogs show how real teams made these trade-offs, and why.",
                        "Finally, remember that data engineering is a team sport. The best pipelines are built by people who talk to the owners of the sources, listen to the users of the results, and write things down for the colleagues who will maintain their work after them.",
                        "Thank you for learning with us. Build something small with what you learned this week, share it, and keep going.",
                    ],
                },
            ],
        },
    ],
}
