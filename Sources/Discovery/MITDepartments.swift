/// MIT's department numbers and names, as OpenCourseWare lists them.
enum MITDepartments {
    static let names: [String: String] = [
        "1": "Civil and Environmental Engineering", "2": "Mechanical Engineering",
        "3": "Materials Science and Engineering", "4": "Architecture", "5": "Chemistry",
        "6": "Electrical Engineering and Computer Science", "7": "Biology", "8": "Physics",
        "9": "Brain and Cognitive Sciences", "10": "Chemical Engineering", "11": "Urban Studies and Planning",
        "12": "Earth, Atmospheric, and Planetary Sciences", "14": "Economics", "15": "Sloan School of Management",
        "16": "Aeronautics and Astronautics", "17": "Political Science", "18": "Mathematics",
        "20": "Biological Engineering", "21A": "Anthropology", "21G": "Global Languages", "21H": "History",
        "21L": "Literature", "21M": "Music and Theater Arts", "21W": "Writing", "22": "Nuclear Science and Engineering",
        "24": "Linguistics and Philosophy", "CMS": "Comparative Media Studies", "ESD": "Engineering Systems Division",
        "HST": "Health Sciences and Technology", "IDS": "Institute for Data, Systems, and Society",
        "MAS": "Media Arts and Sciences", "STS": "Science, Technology, and Society", "WGS": "Women's and Gender Studies",
    ]

    /// The department's name, or its number when it is not one of MIT's.
    static func name(of number: String) -> String { names[number.uppercased()] ?? number }
}
