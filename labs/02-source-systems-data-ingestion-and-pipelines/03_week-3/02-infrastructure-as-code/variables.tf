variable "project" {
  description = "Short name used as a prefix for every resource."
  type        = string
  default     = "orders-pipeline"
}

variable "raw_retention_days" {
  description = "How long raw files are kept before they expire."
  type        = number
  default     = 365
}
